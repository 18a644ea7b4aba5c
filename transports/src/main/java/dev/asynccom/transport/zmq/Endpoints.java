package dev.asynccom.transport.zmq;

import dev.asynccom.core.UserError;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks ZeroMQ endpoints before jeromq sees them, so a typo ends in one sentence naming the endpoint
 * instead of jeromq's exception. Schemes: {@code tcp://host:port} (port 0-65535, or {@code *} or 0 for
 * any free port when binding), {@code ipc://path} and {@code inproc://name}.
 *
 * <p>jeromq 0.6.0 emulates {@code ipc://} over loopback TCP on a port derived from the path's hash, so
 * only jeromq peers in the same host can use it, and two paths can (rarely) collide.
 */
public final class Endpoints {
    private static final Pattern SCHEME = Pattern.compile("([a-z]+)://(.+)");
    private static final Pattern TCP = Pattern.compile("(\\*|[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])"
            + ":(\\*|[0-9]{1,5})");

    private Endpoints() {
    }

    /** {@code endpoint}, if a socket can bind it; else a {@link UserError} saying why not. */
    public static String requireBindable(String endpoint) {
        parse(endpoint);
        return endpoint;
    }

    /** {@code endpoint}, if a socket can connect to it: no wildcard host or port. */
    public static String requireDialable(String endpoint) {
        String problem = dialProblem(endpoint);
        if (problem != null) {
            throw new UserError(problem);
        }
        return endpoint;
    }

    /**
     * {@code endpoint}, if a socket can connect to it and, for tcp, its host is an address or a name that
     * resolves; else a {@link UserError} saying why not. jeromq would resolve the name only when
     * connecting, on whichever thread connects first, and fail there.
     */
    public static String requireResolvable(String endpoint) {
        Endpoint e = parse(requireDialable(endpoint));
        if (e.scheme.equals("tcp")) {
            String host = e.host.startsWith("[") ? e.host.substring(1, e.host.length() - 1) : e.host;
            try {
                InetAddress.getAllByName(host);
            } catch (UnknownHostException unknown) {
                throw new UserError("cannot connect to " + endpoint + ": host '" + host
                        + "' does not resolve to an address", unknown);
            }
        }
        return endpoint;
    }

    /** Whether binding {@code endpoint} lets the system pick the port: tcp with port 0 or {@code *}. */
    public static boolean picksAPort(String endpoint) {
        Endpoint e = parse(endpoint);
        return e.scheme.equals("tcp") && (e.port.equals("*") || Integer.parseInt(e.port) == 0);
    }

    /** Whether {@link #requireDialable} accepts {@code endpoint}. */
    public static boolean isDialable(String endpoint) {
        return dialProblem(endpoint) == null;
    }

    /** The scheme, and for tcp the host and port, of a valid endpoint. */
    record Endpoint(String scheme, String host, String port) {
    }

    static Endpoint parse(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new UserError("no endpoint given: expected tcp://host:port, ipc://path or inproc://name");
        }
        Matcher m = SCHEME.matcher(endpoint);
        if (!m.matches()) {
            throw new UserError("bad endpoint '" + endpoint
                    + "': expected tcp://host:port, ipc://path or inproc://name");
        }
        String scheme = m.group(1);
        String address = m.group(2);
        switch (scheme) {
            case "tcp" -> {
                Matcher t = TCP.matcher(address);
                if (!t.matches() || !t.group(2).equals("*") && Integer.parseInt(t.group(2)) > 65_535) {
                    throw new UserError("bad endpoint '" + endpoint
                            + "': tcp needs host:port, with port 0-65535 or *");
                }
                return new Endpoint(scheme, t.group(1), t.group(2));
            }
            case "ipc", "inproc" -> {
                if (address.equals("*")) {
                    throw new UserError("bad endpoint '" + endpoint + "': give " + scheme
                            + " a name, jeromq cannot report where a wildcard one was bound");
                }
                return new Endpoint(scheme, null, null);
            }
            default -> throw new UserError("bad endpoint '" + endpoint + "': unknown scheme '" + scheme
                    + "', expected tcp, ipc or inproc");
        }
    }

    private static String dialProblem(String endpoint) {
        Endpoint e;
        try {
            e = parse(endpoint);
        } catch (UserError invalid) {
            return invalid.getMessage();
        }
        if (e.scheme.equals("tcp") && (isWildcardHost(e.host) || e.port.equals("*") || Integer.parseInt(e.port) == 0)) {
            return "bad endpoint '" + endpoint + "': a peer to dial needs a concrete host and port, not * or 0";
        }
        return null;
    }

    private static boolean isWildcardHost(String host) {
        return switch (host) {
            case "*", "0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]" -> true;
            default -> false;
        };
    }
}
