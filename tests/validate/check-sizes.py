#!/usr/bin/env python3
# check-sizes.py SOURCE_ROOT
#
# The house's size rule: no .c file in src/ over 900 lines, no function over 80 lines (from the
# line of its opening brace to that of its closing one). size-allowlist.txt names today's
# offenders; the test fails on an offender that is not listed, and on a listed one that is no
# longer an offender, so that the list only ever shrinks.
import os
import re
import sys

MAX_FILE_LINES = 900
MAX_FUNCTION_LINES = 80

# In the house style a definition's name starts a line, its braces stand alone at column 0.
DEFINITION = re.compile(r'^([A-Za-z_]\w*) ?\(')


def offenders(root):
    found = {}
    src = os.path.join(root, 'src')
    for dirpath, _, filenames in os.walk(src):
        for name in sorted(filenames):
            if not name.endswith('.c'):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding='utf-8') as f:
                lines = f.read().splitlines()
            if len(lines) > MAX_FILE_LINES:
                found[f'file {rel}'] = f'{len(lines)} lines'
            function = None
            start = None
            for number, line in enumerate(lines):
                match = DEFINITION.match(line)
                if match:
                    function = match.group(1)
                elif line == '{' and function is not None:
                    start = number
                elif line.startswith('}') and start is not None:
                    length = number - start + 1
                    if length > MAX_FUNCTION_LINES:
                        found[f'function {rel} {function}'] = f'{length} lines'
                    function = start = None
                elif start is None and (line.endswith(';') or not line.strip()):
                    # A prototype, or a macro such as G_DEFINE_FINAL_TYPE (…) before a struct.
                    function = None
    return found


def main():
    root = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, 'size-allowlist.txt')) as f:
        allowed = {l.strip() for l in f if l.strip() and not l.startswith('#')}

    found = offenders(root)
    status = 0
    for key in sorted(set(found) - allowed):
        print(f'too long: {key} ({found[key]}); split it (HACKING.md)')
        status = 1
    for key in sorted(allowed - set(found)):
        print(f'no longer too long: {key}; remove it from tests/validate/size-allowlist.txt')
        status = 1
    for key in sorted(allowed & set(found)):
        print(f'still too long, allowed for now: {key} ({found[key]})')
    return status


if __name__ == '__main__':
    sys.exit(main())
