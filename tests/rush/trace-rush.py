"""What rush levels' Python sources really do, as CPython itself records it.

Reads {"levels": [{"id", "source": [lines], "dive": name}]} as JSON on stdin and prints
{"python": version, "results": [...]} with, per level:

* traced: the source run in this process under sys.setprofile / sys.settrace:
  - events: ["call", fn] / ["return", fn] for the level's own functions, in order, and
    ["unwind", fn] for each frame a RecursionError tore down;
  - lines: every line run, per frame: {"fn", "line", "after": {name: sys.getsizeof}} where
    `after` holds the frame's variables once that line is done (at the frame's next line
    or return event);
  - printed: what print() printed, one string per call;
  - recursion: {"fn", "frames", "tryDepth", "error"}: how many frames of the recursive
    function were on the stack when the error was raised (from its traceback) and the
    depth of the frame that caught it (<module> = 1);
  - error: the uncaught exception, if any.
* standalone: the source as a plain script (`python3 level.py`), with only the C profiler
  _lsprof (no Python frame, so the recursion depth is untouched) counting calls per
  function: {"exit", "stdout", "calls": {fn: count}}.

A Python tracer runs one frame deeper than the code it watches, so at the recursion limit
it would overflow first. The traced run therefore switches tracing off when the recursive
function is first entered and back on from print() in the except handler (every rush
handler prints first), and reads the depth from the traceback. The level's limit is
shifted by the depth of this harness's own frames, so that the level's <module> counts as
depth 1 as it does in a script; the standalone run checks that shift independently.
"""

import functools
import json
import os
import subprocess
import sys
import tempfile

FILE = '<rush>'
SIZED = (int, float, str, bytes, list, tuple, dict, set, bool, type(None))
DEFAULT_LIMIT = 1000
# Room for the tracer's own frames while it runs; taken away while the recursion runs untraced.
HEADROOM = 100

SITE_CUSTOMIZE = r'''
import atexit, json, os, sys
_out = os.environ.get('RUSH_PROFILE_OUT')
if _out:
    import _lsprof
    _profiler = _lsprof.Profiler()
    def _dump():
        _profiler.disable()
        sys.setrecursionlimit(1000)  # the level may have left a tiny one
        script = os.path.abspath(sys.argv[0])
        calls = {}
        for entry in _profiler.getstats():
            code = entry.code
            if hasattr(code, 'co_filename') and os.path.abspath(code.co_filename) == script:
                if code.co_name != '<module>':
                    calls[code.co_name] = calls.get(code.co_name, 0) + entry.callcount
        with open(_out, 'w') as f:
            json.dump(calls, f)
    atexit.register(_dump)
    _profiler.enable()
'''


# A recursion started from an exec'd <module>, measured by its own traceback.
PROBE_SOURCE = (
    '\n'.join(
        [
            'def probe():',
            '    probe()',
            'try:',
            '    probe()',
            'except RecursionError as error:',
            '    frames, tb = 0, error.__traceback__',
            '    while tb is not None:',
            "        frames += tb.tb_frame.f_code.co_name == 'probe'",
            '        tb = tb.tb_next',
        ]
    )
)
PROBE_LIMIT = 200


def run_code(code, env):
    """exec(code, env) the same way every time, warm or cold, traced or not.

    CPython 3.11 counts a C call made by the generic CALL instruction towards the recursion
    limit, but not once that CALL is specialised for a builtin (after a few runs, and never
    while a tracer is on). A call through functools.partial is never specialised, so the
    probe and the level pay the same.
    """
    functools.partial(exec, code, env)()


def traced(level):
    code = compile('\n'.join(level['source']) + '\n', FILE, 'exec')
    dive = level['dive']
    out = {'events': [], 'lines': [], 'printed': [], 'recursion': None, 'error': None}
    pending = {}  # frame -> index in out['lines'] of the line it is running
    suspended = [False]
    module = [None]
    limit = [DEFAULT_LIMIT]
    real_setrecursionlimit = sys.setrecursionlimit
    # In a script run under sys.setrecursionlimit(L), a recursion started at <module> reaches
    # L - 1 frames (the deepest stack is L frames including <module>). Exec'd from here, the
    # same code starts deeper, under this harness's frames: measure by how much, with a probe
    # exec'd from this very frame, as the level will be.
    probe_env = {}
    real_setrecursionlimit(PROBE_LIMIT)
    try:
        run_code(compile(PROBE_SOURCE, '<probe>', 'exec'), probe_env)
    finally:
        real_setrecursionlimit(DEFAULT_LIMIT)
    shift = PROBE_LIMIT - 1 - probe_env['frames']

    def fn_name(frame):
        return frame.f_code.co_name

    def snapshot(frame):
        return {
            name: sys.getsizeof(value)
            for name, value in frame.f_locals.items()
            if not name.startswith('__') and type(value) in SIZED
        }

    def finish(frame):
        index = pending.pop(frame, None)
        if index is not None:
            out['lines'][index]['after'] = snapshot(frame)

    def start_line(frame):
        finish(frame)
        out['lines'].append({'fn': fn_name(frame), 'line': frame.f_lineno, 'after': None})
        pending[frame] = len(out['lines']) - 1

    def local(frame, event, arg):
        if event == 'line':
            start_line(frame)
        elif event == 'return':
            finish(frame)
        return local

    def global_trace(frame, event, arg):
        if frame.f_code.co_filename != FILE:
            return None
        if module[0] is None:
            module[0] = frame
        return local

    def profile(frame, event, arg):
        if frame.f_code.co_filename != FILE or frame is module[0] or module[0] is None:
            return
        if event == 'call':
            out['events'].append(['call', fn_name(frame)])
            if fn_name(frame) == dive and not suspended[0]:
                # From here on the recursion runs untraced, at its true depth.
                suspended[0] = True
                sys.settrace(None)
                sys.setprofile(None)
                real_setrecursionlimit(limit[0] + shift)
        elif event == 'return':
            out['events'].append(['return', fn_name(frame)])

    def level_depth(frame):
        depth = 0
        while frame is not None:
            if frame.f_code.co_filename == FILE:
                depth += 1
            if frame is module[0]:
                return depth
            frame = frame.f_back
        return None

    def hook_print(*args, sep=' ', end='\n', file=None, flush=False):
        caller = sys._getframe(1)
        if suspended[0]:
            error = sys.exc_info()[1]
            frames = 0
            tb = error.__traceback__ if error is not None else None
            while tb is not None:
                if tb.tb_frame.f_code.co_name == dive:
                    frames += 1
                tb = tb.tb_next
            out['recursion'] = {
                'fn': dive,
                'frames': frames,
                'tryDepth': level_depth(caller),
                'error': type(error).__name__ if error is not None else None,
            }
            out['events'].extend([['call', dive]] * (frames - 1))
            out['events'].extend([['unwind', dive]] * frames)
            suspended[0] = False
            real_setrecursionlimit(limit[0] + shift + HEADROOM)
            f = caller
            while f is not None:
                if f.f_code.co_filename == FILE:
                    f.f_trace = local
                f = f.f_back
            sys.settrace(global_trace)
            sys.setprofile(profile)
            start_line(caller)  # the print line itself ran while tracing was off
        out['printed'].append(sep.join(str(a) for a in args))

    def set_limit(new_limit):
        limit[0] = new_limit
        real_setrecursionlimit(new_limit + shift + HEADROOM)

    sys.setrecursionlimit = set_limit
    env = {'__name__': '__main__', 'print': hook_print}
    try:
        sys.settrace(global_trace)
        sys.setprofile(profile)
        run_code(code, env)
    except BaseException as error:  # noqa: BLE001 - an uncaught error is data
        out['error'] = f'{type(error).__name__}: {error}'
    finally:
        sys.settrace(None)
        sys.setprofile(None)
        sys.setrecursionlimit = real_setrecursionlimit
        real_setrecursionlimit(DEFAULT_LIMIT)
    return out


def standalone(level, workdir):
    script = os.path.join(workdir, f"{level['id']}.py")
    with open(script, 'w') as f:
        f.write('\n'.join(level['source']) + '\n')
    calls_file = script + '.calls.json'
    env = dict(os.environ, PYTHONPATH=workdir, RUSH_PROFILE_OUT=calls_file)
    run = subprocess.run(
        [sys.executable, script], capture_output=True, text=True, env=env, timeout=60, cwd=workdir
    )
    calls = None
    if os.path.exists(calls_file):
        with open(calls_file) as f:
            calls = json.load(f)
    return {'exit': run.returncode, 'stdout': run.stdout, 'stderr': run.stderr[-2000:], 'calls': calls}


def main():
    request = json.load(sys.stdin)
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        with open(os.path.join(workdir, 'sitecustomize.py'), 'w') as f:
            f.write(SITE_CUSTOMIZE)
        for level in request['levels']:
            results.append(
                {'id': level['id'], 'traced': traced(level), 'standalone': standalone(level, workdir)}
            )
    json.dump({'python': sys.version.split()[0], 'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
