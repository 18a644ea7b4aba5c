/**
 * The ZeroMQ transport (jeromq): sockets with their options, endpoints checked before use, timed
 * sends and receives, and the worker links (the server's ROUTER, a worker's DEALER). ZeroMQ sockets are
 * not thread-safe: each is owned by exactly one thread (the engine's receiver or sender, the distributor,
 * a worker's link thread) and stopped by a flag, never by an interrupt. CURVE: certificate files
 * ({@link dev.asynccom.transport.zmq.CurveCertificate}), a side's setup applied to its sockets
 * ({@link dev.asynccom.transport.zmq.CurveSetup}), the server's admission of allowed keys
 * ({@link dev.asynccom.transport.zmq.CurveAdmission}) and the monitors that tell a refusal
 * ({@link dev.asynccom.transport.zmq.HandshakeMonitor}).
 */
package dev.asynccom.transport.zmq;
