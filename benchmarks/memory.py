"""Peak memory of each process of ``localoffer build``, and of the whole process tree.

    .venv/bin/python benchmarks/memory.py PROJECT            # localoffer build --no-a11y
    .venv/bin/python benchmarks/memory.py PROJECT -- check   # any other localoffer command

``localoffer build`` runs one MkDocs process per language, a ``localoffer check``
process beside them, and Pagefind. This samples ``/proc`` every 50 ms and prints, for
each process, what it is (``mkdocs en``, ``mkdocs cy``, ``check``, ``pagefind``), its
largest resident memory and when it ran, and the largest sum over the whole tree (the
figure the 1 GB budget is about). Memory, not time: the machine may be busy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (its /proc reader)

MB = 1024 * 1024


def _processes() -> dict[int, tuple[int, int, str]]:
    """{pid: (ppid, rss bytes, command line)} for every process we can read."""
    return run.process_table(commands=True)


def describe(cmd: str, env_lang: str | None = None) -> str:
    """A short name for a process of the build."""
    if "pagefind" in cmd:
        return "pagefind"
    if "-m mkdocs" in cmd:
        return "mkdocs" + (f" {env_lang}" if env_lang else "")
    if " check" in cmd:
        return "check"
    if " build" in cmd:
        return "build"
    if "localoffer" in cmd:
        return "localoffer " + (cmd.split(" --config ")[-1].split(" ", 2)[-1][:40] if " --config " in cmd else "")
    return cmd[:50]


def _language_of(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/environ", "rb") as handle:
            for item in handle.read().split(b"\0"):
                if item.startswith(b"LOCALOFFER_ONLY_LANGUAGE="):
                    return item.split(b"=", 1)[1].decode()
    except OSError:
        pass
    return None


def watch(command: list[str], cwd: Path, interval: float = 0.05) -> dict:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    per_process: dict[int, dict] = {}
    tree_peak = {"mb": 0.0, "at": 0.0, "parts": {}}
    timeline: list = []  # (seconds, MB of the tree, {name: MB}) about once a second
    done = threading.Event()

    def sample():
        while not done.is_set():
            table = _processes()
            children: dict[int, list[int]] = {}
            for pid, (ppid, _, _) in table.items():
                children.setdefault(ppid, []).append(pid)
            todo, total, parts = [process.pid], 0, {}
            now = time.perf_counter() - started
            while todo:
                pid = todo.pop()
                todo += children.get(pid, [])
                if pid not in table:
                    continue
                _, rss, cmd = table[pid]
                total += rss
                info = per_process.get(pid)
                if info is None:
                    info = per_process[pid] = {"name": describe(cmd, _language_of(pid)), "peak_mb": 0.0,
                                               "first_s": now, "peak_at_s": now, "cmd": cmd[:200]}
                info["last_s"] = now
                if rss / MB > info["peak_mb"]:
                    info["peak_mb"], info["peak_at_s"] = rss / MB, now
                parts[info["name"]] = parts.get(info["name"], 0) + rss / MB
            if not timeline or now - timeline[-1][0] >= 1.0:
                timeline.append((round(now, 1), round(total / MB), {k: round(v) for k, v in parts.items()}))
            if total / MB > tree_peak["mb"]:
                tree_peak.update(mb=total / MB, at=now, parts=parts)
            done.wait(interval)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    stdout, stderr = process.communicate()
    done.set()
    thread.join()
    return {
        "command": command,
        "returncode": process.returncode,
        "seconds": time.perf_counter() - started,
        "tree_peak_mb": tree_peak["mb"],
        "tree_peak_at_s": tree_peak["at"],
        "tree_peak_parts_mb": {k: round(v, 1) for k, v in tree_peak["parts"].items()},
        "timeline": timeline,
        "processes": sorted(per_process.values(), key=lambda p: p["first_s"]),
        "stderr_tail": stderr.decode("utf-8", "replace")[-1500:],
        "load_average": os.getloadavg(),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="a project folder with mkdocs.yml")
    parser.add_argument("rest", nargs="*", help="localoffer arguments (default: build --no-a11y)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    rest = args.rest or ["build", "--no-a11y"]
    result = watch([sys.executable, "-m", "localoffer", "--config", str(project / "mkdocs.yml"), *rest], project)
    print(f"{' '.join(rest)}: exit {result['returncode']}, {result['seconds']:.1f} s wall "
          f"(load {result['load_average'][0]:.1f})")
    print(f"peak of the process tree: {result['tree_peak_mb']:.0f} MB at {result['tree_peak_at_s']:.1f} s "
          f"({', '.join(f'{k} {v:.0f}' for k, v in result['tree_peak_parts_mb'].items())})")
    for info in result["processes"]:
        if info["peak_mb"] < 5:
            continue
        print(f"  {info['name']:<12} peak {info['peak_mb']:7.0f} MB at {info['peak_at_s']:6.1f} s "
              f"(ran {info['first_s']:.1f}-{info['last_s']:.1f} s)")
    if result["returncode"]:
        print(result["stderr_tail"], file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0 if result["returncode"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
