#!/usr/bin/env python3
# check-format.py [--fix] [SOURCE_ROOT]
#
# The formatting check: runs `git clang-format --diff` (clang-format 20 or later, the style in
# .clang-format) on the lines changed in .c files since the base and fails when it would change
# any. Headers are not checked: the house aligns their prototypes as one table, by hand.
# With --fix it applies clang-format's version of the places it would report to the working tree.
#
# The base: $TOCSIN_FORMAT_BASE when set; on a branch, its merge base with main (origin/main or
# main); on main itself (CI's clean clone) the commit recorded in .ci/format-base.
#
# clang-format aligns every run of declarations, the house only struct members and parameters, and
# it cannot tell `properties [PROP_X]` from `lines[i]`; so differences only in the width of the
# space inside a line, before a `[`, after a cast or after g_autoptr and the gettext macros are
# not reported.
import os
import re
import shutil
import subprocess
import sys

MIN_VERSION = 20


def git(*args, check=True):
    result = subprocess.run(['git', *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f'format-check: git {" ".join(args)}: {result.stderr.strip()}')
    return result


def find_clang_format():
    names = [os.environ['CLANG_FORMAT']] if os.environ.get('CLANG_FORMAT') else \
        [f'clang-format-{v}' for v in range(30, MIN_VERSION - 1, -1)] + ['clang-format']
    for name in names:
        path = shutil.which(name)
        if path is None:
            continue
        out = subprocess.run([path, '--version'], capture_output=True, text=True).stdout
        match = re.search(r'version (\d+)', out)
        if match and int(match.group(1)) >= MIN_VERSION:
            suffix = name[len('clang-format'):] if name.startswith('clang-format') else ''
            git_cf = shutil.which('git-clang-format' + suffix) or shutil.which('git-clang-format')
            if git_cf is None:
                sys.exit('format-check: git-clang-format is missing (./build-aux/dev deps)')
            return path, git_cf
    sys.exit(f'format-check: needs clang-format {MIN_VERSION} or later (./build-aux/dev deps)')


def recorded_base():
    with open('.ci/format-base') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                return line
    sys.exit('format-check: .ci/format-base names no commit')


def find_base():
    if os.environ.get('TOCSIN_FORMAT_BASE'):
        return os.environ['TOCSIN_FORMAT_BASE'], 'TOCSIN_FORMAT_BASE'
    head = git('rev-parse', 'HEAD').stdout.strip()
    for ref in ('origin/main', 'main'):
        if git('rev-parse', '--verify', '--quiet', ref, check=False).returncode != 0:
            continue
        base = git('merge-base', 'HEAD', ref).stdout.strip()
        if base != head:
            return base, f'the merge base with {ref}'
        break
    base = recorded_base()
    if git('merge-base', '--is-ancestor', base, 'HEAD', check=False).returncode != 0:
        sys.exit(f'format-check: the base {base} of .ci/format-base is not in this history '
                 '(a shallow clone? fetch with --unshallow)')
    return base, '.ci/format-base'


def unspace_macros(text):
    """clang-format spaces g_autoptr (T) and _ ("text") like calls; the house does not."""
    return re.sub(r'\b(g_auto\w*|_|C_|N_|NC_) \(', r'\1(', text)


def normalize(line):
    line = re.sub(r'(?<=\S)\s+', ' ', line.rstrip())
    line = re.sub(r' \[', '[', line)
    # Both (gpointer)x and (gpointer) x are in the house.
    line = re.sub(r'(\(\w+(?: ?\*+)?\)) (?=[\w"(&])', r'\1', line)
    return unspace_macros(line)


def hunks(diff):
    """Yields (header, text, removed, added) for each hunk of a unified diff."""
    header = None
    current = None
    for line in diff.splitlines():
        if line.startswith('+++ '):
            header = line[4:].removeprefix('b/')
        elif line.startswith('--- ') or line.startswith('diff '):
            continue
        elif line.startswith('@@'):
            if current:
                yield current
            current = (header, [line], [], [])
        elif current is not None and line[:1] in ('-', '+', ' '):
            current[1].append(line)
            if line[0] == '-':
                current[2].append(line[1:])
            elif line[0] == '+':
                current[3].append(line[1:])
    if current:
        yield current


def fix(bad):
    if not bad:
        print('format-check: nothing to format')
        return 0
    patch = ''.join(f'--- a/{path}\n+++ b/{path}\n' + '\n'.join(text) + '\n'
                    for path, text, _, _ in bad)
    subprocess.run(['git', 'apply', '-'], input=patch, text=True, check=True)
    for path in {path for path, _, _, _ in bad}:
        with open(path) as f:
            text = f.read()
        with open(path, 'w') as f:
            f.write(unspace_macros(text))
    print(f'format-check: formatted {len(bad)} place(s); see `git diff`')
    return 0


def main():
    args = [a for a in sys.argv[1:] if a != '--fix']
    if args:
        os.chdir(args[0])
    os.chdir(git('rev-parse', '--show-toplevel').stdout.strip())
    clang_format, git_clang_format = find_clang_format()
    base, why = find_base()

    result = subprocess.run([git_clang_format, '--binary', clang_format, '--diff',
                             '--extensions', 'c', base, '--', 'src', 'tests'],
                            capture_output=True, text=True)
    if result.returncode not in (0, 1) or result.stderr.strip():
        sys.exit(f'format-check: git-clang-format failed: {result.stderr.strip()}')

    bad = [h for h in hunks(result.stdout)
           if [normalize(l) for l in h[2] if l.strip()] != [normalize(l) for l in h[3] if l.strip()]]
    if '--fix' in sys.argv[1:]:
        return fix(bad)
    for path, text, _, _ in bad:
        print(f'{path}:')
        print('\n'.join(text))
    short = git('rev-parse', '--short', base).stdout.strip()
    if bad:
        print(f'format-check: {len(bad)} changed place(s) since {short} ({why}) differ from '
              '.clang-format: format them as shown, or run `./build-aux/dev format-check --fix`',
              file=sys.stderr)
        return 1
    print(f'format-check: the lines changed since {short} ({why}) follow .clang-format')
    return 0


if __name__ == '__main__':
    sys.exit(main())
