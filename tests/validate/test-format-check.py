#!/usr/bin/env python3
# test-format-check.py SOURCE_ROOT
#
# The formatting check must be seen to fail: in a throwaway clone, a scratch commit on a branch
# adds a function formatted against the house style and `check-format.py` must fail and name it;
# the same function in the house style must pass. The branch's base is a local main, as on a
# developer's machine.
import os
import shutil
import subprocess
import sys
import tempfile

source = os.path.abspath(sys.argv[1])
checker = os.path.join(source, 'tests', 'validate', 'check-format.py')
target = 'src/core/tocsin-endpoint.c'

BAD = '''
static int tocsin_scratch_sum(int a, int b) {
    return a+b;
}
'''

GOOD = '''
static int
tocsin_scratch_sum (int a,
                    int b)
{
  return a + b;
}
'''


def git(cwd, *args):
    subprocess.run(['git', '-c', 'user.name=Tocsin Test', '-c', 'user.email=test@invalid',
                    *args], cwd=cwd, check=True, capture_output=True)


def commit_scratch(clone, text):
    with open(os.path.join(clone, target), 'a') as f:
        f.write(text)
    git(clone, 'commit', '-q', '-a', '-m', 'scratch')


def check(clone):
    env = {k: v for k, v in os.environ.items() if k != 'TOCSIN_FORMAT_BASE'}
    return subprocess.run([sys.executable, checker, clone], capture_output=True, text=True, env=env)


if shutil.which('git') is None or \
        subprocess.run(['git', 'rev-parse', 'HEAD'], cwd=source, capture_output=True).returncode != 0:
    print('not a git checkout: nothing to compare with')
    sys.exit(77)

with tempfile.TemporaryDirectory() as scratch:
    clone = os.path.join(scratch, 'clone')
    git(scratch, 'clone', '-q', '--shared', source, clone)
    # Only a local main at the clone's start, so the base is that commit, whatever the
    # source's own branches hold.
    git(clone, 'remote', 'remove', 'origin')
    git(clone, 'branch', '-f', 'main', 'HEAD')
    git(clone, 'checkout', '-q', '-b', 'scratch')

    commit_scratch(clone, BAD)
    bad = check(clone)
    print('badly formatted:', bad.returncode, bad.stdout, bad.stderr, sep='\n')
    assert bad.returncode == 1, 'the check must fail on a badly formatted change'
    assert target in bad.stdout and 'tocsin_scratch_sum(int a, int b) {' in bad.stdout

    git(clone, 'reset', '-q', '--hard', 'main')
    commit_scratch(clone, GOOD)
    good = check(clone)
    print('house style:', good.returncode, good.stdout, good.stderr, sep='\n')
    assert good.returncode == 0, 'the check must pass on a change in the house style'
    assert 'merge base with main' in good.stdout
