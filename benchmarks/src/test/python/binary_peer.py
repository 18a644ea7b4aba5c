#!/usr/bin/env python3
"""A client of asynccom's binary codec, written from docs/WIRE.md alone (struct, no asynccom code).

  binary_peer.py <commands_file> <num_tasks_per_batch> <server_url> [--repeat N] [--timeout S]

Connects one DEALER socket to <server_url> (the server's ROUTER), sends task frames over it and reads the
result frames that come back over the same connection (it binds nothing), checking every one: header, exact length,
a known task id answered once, a known status, OK with non-negative server timings. Prints
"results <n> ok <k> unknown <u> duplicates <d> stray <s> sum <sum>".
Exit 0 when every task came back OK exactly once, 1 when results are missing at the timeout or not all
are OK, 2 when a frame breaks the format.
"""
import argparse
import struct
import sys
import time

import zmq

MAGIC = b"AC"
VERSION = 2
KIND_TASKS, KIND_RESULTS = 1, 2
RESULT = struct.Struct("<qBiqqq")  # taskId, status, response, queueWait, service, planned: 37 bytes
OK, UNKNOWN_COMMAND = 0, 1
STATUSES = 4
FIRST_ID = 5_000_000_000


def task_frame(batch_id, tasks):
    frame = bytearray(struct.pack("<2sBBqI", MAGIC, VERSION, KIND_TASKS, batch_id, len(tasks)))
    for task_id, host, command in tasks:
        h, c = host.encode("utf-8"), command.encode("utf-8")
        frame += struct.pack("<qB", task_id, len(h)) + h + struct.pack("<B", len(c)) + c
    return bytes(frame)


def results_of(frame):
    """The (taskId, status, response, queueWait, service, planned) tuples of a result frame."""
    if len(frame) < 8 or frame[0:2] != MAGIC or frame[2] != VERSION or frame[3] != KIND_RESULTS:
        raise ValueError("bad header %r" % frame[:4])
    (count,) = struct.unpack_from("<I", frame, 4)
    if len(frame) != 8 + RESULT.size * count:
        raise ValueError("%d results need %d bytes, the frame has %d" % (count, 8 + RESULT.size * count, len(frame)))
    return [RESULT.unpack_from(frame, 8 + RESULT.size * i) for i in range(count)]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("commands_file")
    parser.add_argument("num_tasks_per_batch", type=int)
    parser.add_argument("server_url")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    with open(args.commands_file, encoding="utf-8") as f:
        commands = [line.strip().rsplit(":", 1) for line in f if line.strip() and not line.startswith("#")]
    tasks = [(FIRST_ID + i, host, command)
             for i, (host, command) in enumerate(commands * args.repeat)]
    expected = {task_id for task_id, _, _ in tasks}

    context = zmq.Context()
    link = context.socket(zmq.DEALER)
    link.setsockopt(zmq.LINGER, 2000)
    link.connect(args.server_url)
    print("binary_peer: connected to %s" % args.server_url, file=sys.stderr, flush=True)

    start = time.monotonic()
    deadline = start + args.timeout
    size = args.num_tasks_per_batch
    poller = zmq.Poller()
    poller.register(link, zmq.POLLIN)
    seen, ok, unknown, duplicates, stray, total = set(), 0, 0, 0, 0, 0
    sent = 0

    def take(frame):
        nonlocal ok, unknown, duplicates, stray, total
        for task_id, status, response, queue_wait, service, planned in results_of(frame):
            if status >= STATUSES:
                raise ValueError("unknown status %d for task %d" % (status, task_id))
            if task_id not in expected:
                stray += 1
            elif task_id in seen:
                duplicates += 1
            else:
                seen.add(task_id)
                if status == OK:
                    if queue_wait < 0 or service < 0:
                        raise ValueError("task %d is OK without server timings" % task_id)
                    ok += 1
                    total += response
                elif status == UNKNOWN_COMMAND:
                    unknown += 1

    try:
        # Send while reading, so neither side's queue fills up.
        while (sent < len(tasks) or len(seen) < len(tasks)) and time.monotonic() < deadline:
            if sent < len(tasks):
                try:
                    link.send(task_frame(sent // size, tasks[sent:sent + size]), flags=zmq.NOBLOCK)
                    sent = min(sent + size, len(tasks))
                except zmq.Again:
                    pass
            if poller.poll(0 if sent < len(tasks) else 10):
                take(link.recv())
    except ValueError as e:
        print("binary_peer: bad result frame: %s" % e, file=sys.stderr)
        return 2
    finally:
        context.destroy(linger=0)
    print("results %d ok %d unknown %d duplicates %d stray %d sum %d" % (len(seen), ok, unknown, duplicates, stray, total))
    if len(seen) < len(tasks):
        print("binary_peer: timed out with %d of %d results" % (len(seen), len(tasks)), file=sys.stderr)
        return 1
    return 0 if ok == len(tasks) and duplicates == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
