package dev.reloadhook.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Minimal HTTP/1.1 over a plain socket: exactly one request per call, no retries, no
 * pooling, so that every refused connection and every cut response is seen. Used by the
 * steady clients of the tests and of the benchmark.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param body the body
	 * @param close whether the server announced that it closes the connection
	 */
	public record Response(int status, String body, boolean close) {
	}

	public static Socket connect(int port, int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
		Socket socket = new Socket();
		try {
			socket.setTcpNoDelay(true);
			socket.connect(new InetSocketAddress("127.0.0.1", port), connectTimeoutMillis);
			socket.setSoTimeout(readTimeoutMillis);
			return socket;
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw ex;
		}
	}

	/**
	 * One GET on a connected socket.
	 * @throws IOException if the connection breaks (reset, EOF before a full response)
	 */
	public static Response get(Socket socket, InputStream in, String path) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		String status = readLine(in);
		if (status == null) {
			throw new IOException("connection closed by the server without a response");
		}
		int length = -1;
		boolean close = false;
		boolean chunked = false;
		String header;
		while ((header = readLine(in)) != null && !header.isEmpty()) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Integer.parseInt(lower.substring(15).trim());
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				close = true;
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		if (header == null) {
			throw new IOException("connection closed by the server in the response headers");
		}
		String body;
		if (chunked) {
			body = readChunked(in);
		}
		else {
			byte[] bytes = in.readNBytes(Math.max(length, 0));
			if (bytes.length < length) {
				throw new IOException("connection closed by the server in the response body");
			}
			body = new String(bytes, StandardCharsets.UTF_8);
		}
		String[] parts = status.split(" ");
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("not an HTTP status line: " + status);
		}
		return new Response(Integer.parseInt(parts[1]), body, close);
	}

	/**
	 * One GET on a new connection, closed afterwards.
	 */
	public static Response getOnce(int port, String path, int timeoutMillis) throws IOException {
		try (Socket socket = connect(port, timeoutMillis, timeoutMillis)) {
			return get(socket, new java.io.BufferedInputStream(socket.getInputStream()), path);
		}
	}

	private static String readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String size = readLine(in);
			if (size == null) {
				throw new IOException("connection closed in a chunked body");
			}
			int semicolon = size.indexOf(';');
			int length = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
			if (length == 0) {
				String trailer;
				while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
					// skip trailers
				}
				return body.toString(StandardCharsets.UTF_8);
			}
			byte[] chunk = in.readNBytes(length);
			if (chunk.length < length) {
				throw new IOException("connection closed in a chunked body");
			}
			body.write(chunk);
			readLine(in);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream(64);
		int b;
		while ((b = in.read()) != -1) {
			if (b == '\n') {
				String text = line.toString(StandardCharsets.US_ASCII);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
		return (line.size() > 0) ? line.toString(StandardCharsets.US_ASCII) : null;
	}

	public static void closeQuietly(Socket socket) {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// ignore
			}
		}
	}

}
