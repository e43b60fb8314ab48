"""What a level's Python source really does, as recorded by CPython itself.

Reads {"levels": [{"id", "source", "functions", "after", "before", "isolated"}]} as JSON on
stdin and prints one JSON result per level. Each level runs twice, each time in a fresh process:

* traced: under sys.settrace, recording the calls and returns of the level's own
  functions (with the stack depth, <module> = 1), the exceptions raised in them, and the
  values of probe expressions evaluated in the frame right after (`after`) or right before
  (`before`) a given line runs: sys.getsizeof and str of each.
* standalone: the source as a plain script (`python3 level.py`), nothing attached but an
  excepthook: what it prints, and the uncaught exception with its traceback length. This is
  the ground truth.
* profiled: the plain script once more with the C profiler (_lsprof, which adds no Python
  frame) counting the calls of each function.

A Python-level tracer always runs one frame deeper than the code it watches, so at the
recursion limit it would itself be the one to overflow. The traced run therefore lifts the
real limit and raises RecursionError itself, from a profile hook, when a frame would be
deeper than the limit the level set: with `sys.setrecursionlimit(L)` the deepest stack is
L frames including <module>. The profiled run checks that rule: its call counts must equal
the traced ones. (Any hook turns off CPython's specialised bytecode, whose generic forms
count C-level recursion too: `n == 0` in a frame exactly at the limit raises RecursionError
"in comparison" when profiled, but not in a warmed-up plain run. A level that relies on the
very last frame is fragile, and the counts tell.)
"""

import concurrent.futures
import contextlib
import gc
import io
import json
import os
import subprocess
import sys
import tempfile

LEVEL_FILE = '<level>'
TEXT_LIMIT = 200
DEFAULT_LIMIT = 1000
# Headroom above the level's limit for the harness's own frames and the tracer's.
HEADROOM = 200

SITE_CUSTOMIZE = r'''
import atexit, json, os, sys
_out = os.environ.get('ARENA_PROFILE_OUT')
if _out:
    import _lsprof
    _profiler = _lsprof.Profiler() if os.environ.get('ARENA_PROFILE') == '1' else None
    _uncaught = {}
    _hook = sys.excepthook
    def _excepthook(kind, value, tb):
        frames, t = 0, tb
        while t is not None:
            frames, t = frames + 1, t.tb_next
        _uncaught.update(type=kind.__name__, frames=frames)
        _hook(kind, value, tb)
    sys.excepthook = _excepthook
    def _dump():
        if _profiler is not None:
            _profiler.disable()
        sys.setrecursionlimit(1000)
        script = os.path.abspath(sys.argv[0])
        calls = {}
        for entry in _profiler.getstats() if _profiler is not None else []:
            code = entry.code
            if hasattr(code, 'co_filename') and os.path.abspath(code.co_filename) == script:
                calls[code.co_name] = calls.get(code.co_name, 0) + entry.callcount
        with open(_out, 'w') as f:
            json.dump({'calls': calls, 'uncaught': _uncaught or None}, f)
    atexit.register(_dump)
    if _profiler is not None:
        _profiler.enable()
'''


def short(value):
    """str(value) when it is small enough to compare, else None."""
    try:
        if sys.getsizeof(value) > 4096:
            return None
        text = str(value)
    except BaseException:
        return None
    return text if len(text) <= TEXT_LIMIT else None


def traced(spec):
    functions = set(spec['functions'])
    after = {int(k): v for k, v in spec.get('after', {}).items()}
    before = {int(k): v for k, v in spec.get('before', {}).items()}
    code = compile(spec['source'], LEVEL_FILE, 'exec')
    out = {'events': [], 'after': {}, 'before': {}, 'calls': {}, 'uncaught': None, 'stdout': ''}
    limit = [DEFAULT_LIMIT]
    module = [None]
    pending = {}  # frame -> the line it is running, whose `after` probes run once it is done
    unwinding = set()  # frames an exception is passing through (not handled yet)
    real_setrecursionlimit = sys.setrecursionlimit

    def depth(frame):
        """Frames from `frame` down to the level's <module>, both counted; None outside it."""
        d = 1
        while frame is not module[0]:
            frame = frame.f_back
            if frame is None:
                return None
            d += 1
        return d

    def is_level_frame(frame):
        c = frame.f_code
        return c.co_filename == LEVEL_FILE and (frame is module[0] or c.co_name in functions)

    def probe(frame, line, table, key):
        exprs = table.get(line)
        if not exprs:
            return
        results = []
        for expr in exprs:
            try:
                value = eval(expr, frame.f_globals, frame.f_locals)
                results.append({'size': sys.getsizeof(value), 'text': short(value)})
                del value  # holding it would add one to the next probe's sys.getrefcount
            except BaseException as error:  # noqa: BLE001 - a probe that fails is data
                results.append({'error': f'{type(error).__name__}: {error}'})
        out[key].setdefault(str(line), []).append(results)

    def finish_line(frame):
        line = pending.pop(frame, None)
        if line is not None:
            probe(frame, line, after, 'after')

    def profiler(frame, event, arg):
        # The emulated limit: raising here (not from the tracer) leaves the tracer running.
        if event == 'call':
            d = depth(frame)
            if d is not None and d > limit[0]:
                raise RecursionError('maximum recursion depth exceeded')

    def ensure_profiler():
        if sys.getprofile() is None:
            sys.setprofile(profiler)

    def local(frame, event, arg):
        if limit[0] != DEFAULT_LIMIT:
            ensure_profiler()
        name = frame.f_code.co_name
        if event == 'line':
            finish_line(frame)
            unwinding.discard(frame)
            probe(frame, frame.f_lineno, before, 'before')
            pending[frame] = frame.f_lineno
        elif event == 'exception':
            kind = arg[0].__name__
            tb = arg[2].tb_next if arg[2] is not None else None
            deeper_level_frame = False
            while tb is not None:
                f = tb.tb_frame
                if is_level_frame(f) and (depth(f) or 0) <= limit[0]:
                    deeper_level_frame = True
                tb = tb.tb_next
            if not deeper_level_frame:
                out['events'].append(['raise', kind, frame.f_lineno, depth(frame)])
            unwinding.add(frame)
        elif event == 'return':
            finish_line(frame)
            if frame is not module[0]:
                d = depth(frame)
                if frame in unwinding:
                    out['events'].append(['unwind', name, d])
                else:
                    out['events'].append(['return', name, d, short(arg)])
            unwinding.discard(frame)
        return local

    def global_trace(frame, event, arg):
        c = frame.f_code
        if c.co_filename != LEVEL_FILE:
            return None
        if module[0] is None and c.co_name == '<module>':
            module[0] = frame
            return local
        if c.co_name not in functions:
            return None
        d = depth(frame)
        if d is None or d > limit[0]:
            return None  # beyond the limit: the profiler raises RecursionError in it
        out['calls'][c.co_name] = out['calls'].get(c.co_name, 0) + 1
        out['events'].append(['call', c.co_name, d])
        if d >= limit[0] - 2:
            ensure_profiler()
        return local

    def setrecursionlimit(n):
        limit[0] = n
        real_setrecursionlimit(n + HEADROOM)
        ensure_profiler()

    real_setrecursionlimit(DEFAULT_LIMIT + HEADROOM)
    sys.setrecursionlimit = setrecursionlimit
    sys.getrecursionlimit = lambda: limit[0]
    # Start from a clean heap, as a fresh script would, and keep it so: automatic collections
    # would depend on the tracer's own allocations (gc.collect() in the level still works).
    gc.collect()
    gc.disable()
    stdout = io.StringIO()
    namespace = {'__name__': '__main__', '__builtins__': __builtins__}
    with contextlib.redirect_stdout(stdout):
        sys.settrace(global_trace)
        try:
            exec(code, namespace)
        except BaseException as error:  # noqa: BLE001 - the program may die, as Python would
            out['uncaught'] = type(error).__name__
        finally:
            sys.settrace(None)
            sys.setprofile(None)
    out['stdout'] = stdout.getvalue()
    return out


def standalone(spec, folder, profile):
    script = os.path.join(folder, f"{spec['id']}.py")
    result_file = os.path.join(folder, f"{spec['id']}.{'profiled' if profile else 'plain'}.json")
    with open(script, 'w') as f:
        f.write(spec['source'])
    env = dict(os.environ, PYTHONPATH=folder, ARENA_PROFILE_OUT=result_file, ARENA_PROFILE='1' if profile else '0')
    run = subprocess.run([sys.executable, script], env=env, capture_output=True, text=True, timeout=120)
    with open(result_file) as f:
        result = json.load(f)
    result['stdout'] = run.stdout
    result['exitCode'] = run.returncode
    return result


def isolated(exprs):
    """sys.getsizeof of self-contained expressions, here with no memory limit (for objects the
    level's own run could not finish making, because it ran out of memory first)."""
    sizes = {}
    for expr in exprs:
        try:
            sizes[expr] = sys.getsizeof(eval(expr, {}))
        except BaseException as error:  # noqa: BLE001 - reported to the test
            sizes[expr] = f'{type(error).__name__}: {error}'
    return sizes


def run_level(spec, folder):
    run = subprocess.run(
        [sys.executable, __file__, '--traced'],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if run.returncode != 0:
        return {'id': spec['id'], 'harnessError': run.stderr[-2000:]}
    try:
        plain = standalone(spec, folder, profile=False)
        profiled = standalone(spec, folder, profile=True)
    except (OSError, ValueError, subprocess.TimeoutExpired) as error:
        return {'id': spec['id'], 'harnessError': f'the plain run failed: {error}'}
    return {
        'id': spec['id'],
        'traced': json.loads(run.stdout),
        'standalone': plain,
        'profiled': profiled,
        'isolated': isolated(spec.get('isolated', [])),
    }


def main():
    if len(sys.argv) > 1 and sys.argv[1] == '--traced':
        spec = json.load(sys.stdin)
        sys.__stdout__.write(json.dumps(traced(spec)))
        return
    request = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, 'sitecustomize.py'), 'w') as f:
            f.write(SITE_CUSTOMIZE)
        # Two levels at a time: the machine's two cores, and each run is its own process.
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda spec: run_level(spec, folder), request['levels']))
    json.dump({'python': sys.version.split()[0], 'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
