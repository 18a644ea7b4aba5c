#!/usr/bin/env python3
"""A worker for asynccom's server, written from docs/WIRE.md ("The worker protocol") alone (no asynccom code).

  binary_worker.py <server_worker_url> <credit> <delay_ms> [--label L] [--heartbeat-ms H] [--liveness N]
                   [--drain-seconds D] [--max-seconds S]

A DEALER connected to the server's --worker-endpoint joins with READY (credit <credit>), then answers every
task it is sent OK with response 1 after sleeping <delay_ms>, on a pool of <credit> threads, so every task it
holds runs at once. Results echo the delivery ids the tasks came with and go out in one RESULTS frame per turn
of the loop (each gives the server one credit back). It sends HEARTBEAT when it has sent nothing for
--heartbeat-ms (default 1000, as the server's default), answers DISCONNECT with READY (its credit less the
tasks it still holds; once per burst: the DISCONNECTs that answer frames queued while the server was away
arrive together), and tells on stderr when the server has been silent for --liveness intervals (it keeps its
connection and what it holds, as the protocol says).

On SIGTERM or SIGINT it leaves: GOODBYE, then it runs what arrives until the server's GOODBYE (or for at most
--drain-seconds, default 30), finishes every task it holds, sends their results, prints
"worker tasks <n> results <m> malformed <k> rejoins <r>" on stdout and exits 0. After --max-seconds
(default 120) it leaves the same way by itself and exits 1, so a forgotten worker cannot outlive its test.
Prints "binary_worker: joining <url> as <label> ..." on stderr once its READY is out, "binary_worker: tasks
arriving" with its first task and "binary_worker: leaving (...) with <h> tasks held" when it says GOODBYE.

Threads: the main thread owns the socket (ZeroMQ sockets are not thread-safe); pool threads only sleep,
hand their timings to the main thread through a queue and wake it through a pipe it polls beside the socket.
"""
import argparse
import concurrent.futures
import os
import queue
import signal
import socket
import struct
import sys
import time

import zmq

MAGIC = b"AC"
VERSION = 2
KIND_TASKS, KIND_RESULTS = 0x01, 0x02
KIND_READY, KIND_HEARTBEAT, KIND_GOODBYE, KIND_DISCONNECT = 0x10, 0x11, 0x12, 0x13
HEADER = struct.Struct("<2sBB")
TASK_FRAME_HEAD = struct.Struct("<2sBBqI")  # header, batchId, count
RESULT = struct.Struct("<qBiqqq")  # taskId, status, response, queueWait, service, planned: 37 bytes
OK = 0
RESPONSE = 1
MAX_PER_FRAME = 65_536
SMALLEST_TASK = 10


class Malformed(ValueError):
    """A frame this worker drops and counts, as the protocol says a receiver does."""


def frame(kind, body=b""):
    return HEADER.pack(MAGIC, VERSION, kind) + body


def ready_frame(credit, label):
    name = label.encode("utf-8")
    return frame(KIND_READY, struct.pack("<IB", credit, len(name)) + name)


def result_frame(results):
    body = bytearray(struct.pack("<I", len(results)))
    for r in results:
        body += RESULT.pack(*r)
    return frame(KIND_RESULTS, bytes(body))


def delivery_ids(message):
    """The task ids (delivery ids) of a TASKS frame, checked as docs/WIRE.md's task frame says."""
    if len(message) < TASK_FRAME_HEAD.size:
        raise Malformed("a task frame of %d bytes is too short" % len(message))
    _, _, _, _, count = TASK_FRAME_HEAD.unpack_from(message, 0)
    offset = TASK_FRAME_HEAD.size
    if count < 1 or count > MAX_PER_FRAME or count > (len(message) - offset) // SMALLEST_TASK:
        raise Malformed("a task count of %d in %d bytes" % (count, len(message) - offset))
    ids = []
    for _ in range(count):
        if offset + 9 > len(message):
            raise Malformed("task %d is cut short" % len(ids))
        (task_id, host_length) = struct.unpack_from("<qB", message, offset)
        offset += 9
        offset = _string_end(message, offset, host_length, "host")
        if offset >= len(message):
            raise Malformed("task %d has no command length" % len(ids))
        offset = _string_end(message, offset + 1, message[offset], "command")
        ids.append(task_id)
    if offset != len(message):
        raise Malformed("%d bytes after the last task" % (len(message) - offset))
    return ids


def _string_end(message, offset, length, what):
    end = offset + length
    if end > len(message):
        raise Malformed("a %s of %d bytes runs past the frame" % (what, length))
    try:
        message[offset:end].decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("a %s that is not UTF-8" % what) from None
    return end


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("server_worker_url")
    parser.add_argument("credit", type=int)
    parser.add_argument("delay_ms", type=float)
    parser.add_argument("--label", default="%s/%d" % (socket.gethostname(), os.getpid()))
    parser.add_argument("--heartbeat-ms", type=float, default=1000.0)
    parser.add_argument("--liveness", type=int, default=3)
    parser.add_argument("--drain-seconds", type=float, default=30.0)
    parser.add_argument("--max-seconds", type=float, default=120.0)
    args = parser.parse_args()
    if not 1 <= args.credit <= 0xFFFFFFFF:
        parser.error("credit must be 1 or more, it is %d" % args.credit)
    if len(args.label.encode("utf-8")) > 255:
        parser.error("a label is at most 255 bytes of UTF-8")

    heartbeat = args.heartbeat_ms / 1000.0
    planned = int(args.delay_ms * 1_000_000)
    done = queue.SimpleQueue()  # (delivery id, queueWait, service): pool threads to the main thread
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)

    def wake():
        try:
            os.write(wake_write, b"x")
        except BlockingIOError:
            pass  # The pipe is full: the main thread is awake already.

    leave_asked = []

    def on_signal(signum, _frame):
        leave_asked.append(signum)
        wake()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    def run(task_id, received):
        started = time.monotonic_ns()
        time.sleep(args.delay_ms / 1000.0)
        done.put((task_id, started - received, time.monotonic_ns() - started))
        wake()

    context = zmq.Context()
    dealer = context.socket(zmq.DEALER)
    dealer.setsockopt(zmq.LINGER, 2000)  # as our Java peers: the last results must leave after close
    dealer.connect(args.server_worker_url)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.credit, thread_name_prefix="task")
    poller = zmq.Poller()
    poller.register(dealer, zmq.POLLIN)
    poller.register(wake_read, zmq.POLLIN)

    tasks = results = malformed = rejoins = 0
    held = set()
    outgoing = []  # results not sent yet
    start = time.monotonic()
    end_of_life = start + args.max_seconds
    ran_out = False
    said_goodbye = None  # when we sent GOODBYE
    goodbye_answered = False
    last_sent = last_heard = start
    silent_told = False

    def send(message):
        nonlocal last_sent
        dealer.send(message)  # a DEALER queues up to its SNDHWM, so this blocks only on a full queue
        last_sent = time.monotonic()

    send(ready_frame(args.credit, args.label))
    ready_sent, heard_since_ready = time.monotonic(), False
    print("binary_worker: joining %s as %s with credit %d" % (args.server_worker_url, args.label, args.credit),
          file=sys.stderr, flush=True)
    try:
        while True:
            now = time.monotonic()
            if said_goodbye is None and (leave_asked or now >= end_of_life):
                ran_out = not leave_asked
                send(frame(KIND_GOODBYE))
                said_goodbye = now
                print("binary_worker: leaving (%s) with %d tasks held"
                      % ("signal %d" % leave_asked[0] if leave_asked else "--max-seconds", len(held)),
                      file=sys.stderr, flush=True)
            drained = said_goodbye is not None and (goodbye_answered or now - said_goodbye >= args.drain_seconds)
            if drained and not held and not outgoing:
                break
            if drained and now - said_goodbye >= args.drain_seconds + args.delay_ms / 1000.0 + 10:
                print("binary_worker: %d tasks still held long after the drain timeout; leaving them"
                      % len(held), file=sys.stderr, flush=True)
                break

            for socket_or_fd, _ in poller.poll(max(0, int(1000 * (last_sent + heartbeat - now)) + 1)):
                if socket_or_fd == wake_read:
                    try:
                        os.read(wake_read, 4096)
                    except BlockingIOError:
                        pass
                    continue
                while dealer.getsockopt(zmq.EVENTS) & zmq.POLLIN:
                    message = dealer.recv(zmq.NOBLOCK)
                    last_heard = time.monotonic()
                    if silent_told:
                        print("binary_worker: the server speaks again", file=sys.stderr, flush=True)
                        silent_told = False
                    try:
                        if len(message) < 4 or message[0:2] != MAGIC or message[2] != VERSION:
                            raise Malformed("a bad header %r" % message[:4])
                        kind = message[3]
                        if kind != KIND_DISCONNECT:
                            heard_since_ready = True
                        if kind == KIND_TASKS:
                            received = time.monotonic_ns()
                            if tasks == 0:
                                print("binary_worker: tasks arriving", file=sys.stderr, flush=True)
                            for task_id in delivery_ids(message):
                                tasks += 1
                                held.add(task_id)
                                pool.submit(run, task_id, received)
                        elif kind in (KIND_HEARTBEAT, KIND_GOODBYE, KIND_DISCONNECT) and len(message) != 4:
                            raise Malformed("kind 0x%02x with %d bytes after the header" % (kind, len(message) - 4))
                        elif kind == KIND_HEARTBEAT:
                            pass  # any frame is a sign of life: nothing more to do
                        elif kind == KIND_GOODBYE:
                            if said_goodbye is not None:
                                goodbye_answered = True
                            else:
                                print("binary_worker: the server said goodbye unasked; waiting for it to speak"
                                      " again", file=sys.stderr, flush=True)
                        elif kind == KIND_DISCONNECT:
                            # Frames queued while the server was away arrive at once, and it answers each with
                            # DISCONNECT: only the first asks for a READY. A READY sets the credit left to its
                            # value, so a second one sent after tasks of the first were on their way would
                            # let the server send more than we can hold.
                            stale = (not heard_since_ready
                                     and time.monotonic() - ready_sent < args.liveness * heartbeat)
                            if said_goodbye is None and not stale:
                                rejoins += 1
                                send(ready_frame(max(0, args.credit - len(held)), args.label))
                                ready_sent, heard_since_ready = time.monotonic(), False
                        else:
                            raise Malformed("unknown kind 0x%02x" % kind)
                    except Malformed as e:
                        malformed += 1
                        print("binary_worker: dropped a frame: %s" % e, file=sys.stderr, flush=True)

            while True:
                try:
                    task_id, queue_wait, service = done.get_nowait()
                except queue.Empty:
                    break
                held.discard(task_id)
                outgoing.append((task_id, OK, RESPONSE, queue_wait, service, planned))
            while outgoing:
                batch, outgoing = outgoing[:MAX_PER_FRAME], outgoing[MAX_PER_FRAME:]
                send(result_frame(batch))
                results += len(batch)

            now = time.monotonic()
            if now - last_sent >= heartbeat:
                send(frame(KIND_HEARTBEAT))
            if not silent_told and now - last_heard >= args.liveness * heartbeat:
                silent_told = True
                print("binary_worker: the server has been silent for %.1f s; keeping the connection"
                      % (now - last_heard), file=sys.stderr, flush=True)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        dealer.close()  # lingers up to 2 s for what is queued
        context.term()
        os.close(wake_read)
        os.close(wake_write)
    print("worker tasks %d results %d malformed %d rejoins %d" % (tasks, results, malformed, rejoins), flush=True)
    if ran_out:
        print("binary_worker: --max-seconds %g ran out" % args.max_seconds, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
