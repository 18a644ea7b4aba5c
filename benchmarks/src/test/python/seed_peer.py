#!/usr/bin/env python3
"""A peer speaking the seed's protocol (shared/seed/README.md) with pyzmq, to test asynccom against.

Not the seed itself, but the same wire behaviour: one UTF-8 JSON array per frame, written by pyzmq's
send_json (", " separators), PUSH/PULL sockets with LINGER 0 and SNDHWM 1000.

  seed_peer.py client <commands_file> <num_tasks_per_batch> <bind_url> <remote_url> [--timeout S]
      Sends [1, "<uuid4>", ["<ip>:<cmd>", ...]] batches, last batch first, then reads [2, <sum>] answers
      until it has one per batch (or a [4, ...]). Prints the time taken and "results <n> sum <sum>".
      Exit 0 when every batch was answered, 1 on timeout (the seed itself would wait forever).

  seed_peer.py server <ip_map_file> <bind_url> <remote_url> <max_workers> [--answer-unknown] [--lifetime S]
      Takes batches; <max_workers> worker threads, each with its own PUSH socket to <remote_url>, run a
      batch by waiting the longest wait of its known commands (the seed runs one thread per command, so
      a batch takes its longest wait) and push [2, <sum of known responses>]. A batch with no known
      command gets no answer, as in the seed, unless --answer-unknown. Prints "seed_peer server: ready"
      on stderr once bound; stops after --lifetime seconds (default 600) or on a signal.
"""
import argparse
import json
import queue
import sys
import threading
import time
import uuid

import zmq

TASK, TASK_DONE, JOB_ABORT, JOB_COMPLETE = 1, 2, 3, 4
POLL_MS = 10


def socket(context, kind):
    s = context.socket(kind)
    s.setsockopt(zmq.LINGER, 0)
    if kind == zmq.PUSH:
        s.setsockopt(zmq.SNDHWM, 1000)
    return s


def push(sock, message):
    """Sends without blocking, retrying every second up to 10 times, as the seed does."""
    for _ in range(10):
        try:
            sock.send_json(message, flags=zmq.NOBLOCK)
            return True
        except zmq.Again:
            time.sleep(1)
    return False


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def client(args):
    commands = read_lines(args.commands_file)
    size = args.num_tasks_per_batch
    batches = [commands[i:i + size] for i in range(0, len(commands), size)]
    context = zmq.Context()
    results = socket(context, zmq.PULL)
    results.bind(args.bind_url)
    tasks = socket(context, zmq.PUSH)
    tasks.connect(args.remote_url)
    start = time.monotonic()
    sent = 0
    while batches:  # last batch first, as the seed pops them
        if not push(tasks, [TASK, str(uuid.uuid4()), batches.pop()]):
            print("could not send: the server took nothing for 10 s", file=sys.stderr)
            return 1
        sent += 1
    answers, total = 0, 0
    deadline = start + args.timeout
    poller = zmq.Poller()
    poller.register(results, zmq.POLLIN)
    while answers < sent and time.monotonic() < deadline:
        if not poller.poll(POLL_MS):
            continue
        message = results.recv_json()
        if message[0] == TASK_DONE:
            answers += 1
            total += message[1]
        elif message[0] == JOB_COMPLETE:
            break
    print("Time taken for the task processing: %.3f" % (time.monotonic() - start))
    print("results %d sum %d" % (answers, total))
    context.destroy(linger=0)
    if answers < sent:
        print("timed out: %d of %d batches unanswered" % (sent - answers, sent), file=sys.stderr)
        return 1
    return 0


def load_map(path):
    table = {}
    for line in read_lines(path):
        parts = line.split(":")
        if len(parts) != 4:
            continue  # the seed skips lines it cannot parse
        try:
            table[parts[0] + ":" + parts[1]] = (int(parts[2]), float(parts[3]))
        except ValueError:
            continue
    return table


def server(args):
    table = load_map(args.ip_map_file)
    context = zmq.Context()
    tasks = socket(context, zmq.PULL)
    tasks.bind(args.bind_url)
    work = queue.Queue()
    stop = threading.Event()

    def worker():
        out = socket(context, zmq.PUSH)
        out.connect(args.remote_url)
        while not stop.is_set():
            try:
                commands = work.get(timeout=0.1)
            except queue.Empty:
                continue
            known = [table[c] for c in commands if c in table]
            if known:
                time.sleep(max(wait for _, wait in known))
            if known or args.answer_unknown:
                push(out, [TASK_DONE, sum(response for response, _ in known)])
        out.close()

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(args.max_workers)]
    for w in workers:
        w.start()
    print("seed_peer server: ready on %s" % args.bind_url, file=sys.stderr, flush=True)
    end = time.monotonic() + args.lifetime
    poller = zmq.Poller()
    poller.register(tasks, zmq.POLLIN)
    while time.monotonic() < end:
        if poller.poll(POLL_MS):
            message = json.loads(tasks.recv().decode("utf-8"))
            if message[0] == TASK:
                work.put(message[2])
    stop.set()
    for w in workers:
        w.join(5)
    context.destroy(linger=0)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="role", required=True)
    c = sub.add_parser("client")
    c.add_argument("commands_file")
    c.add_argument("num_tasks_per_batch", type=int)
    c.add_argument("bind_url")
    c.add_argument("remote_url")
    c.add_argument("--timeout", type=float, default=60.0)
    s = sub.add_parser("server")
    s.add_argument("ip_map_file")
    s.add_argument("bind_url")
    s.add_argument("remote_url")
    s.add_argument("max_workers", type=int)
    s.add_argument("--answer-unknown", action="store_true")
    s.add_argument("--lifetime", type=float, default=600.0)
    args = parser.parse_args()
    return client(args) if args.role == "client" else server(args)


if __name__ == "__main__":
    sys.exit(main())
