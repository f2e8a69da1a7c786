package dev.baton.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 keep-alive client on one socket: one request at a time,
 * Content-Length or chunked bodies. Cheaper in CPU than java.net.http (no async
 * machinery, no per-request objects beyond the bytes), so that the generator, which
 * shares the box with the server, takes as little of it as possible.
 */
final class RawHttpClient implements AutoCloseable {

	private final String host;

	private final int port;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	RawHttpClient(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/**
	 * @param retryAfter the {@code Retry-After} header, or {@code null}
	 */
	record Response(int status, String body, String retryAfter) {
	}

	/**
	 * Sends a form POST and reads the whole response; reconnects once if the server
	 * closed the connection.
	 */
	Response post(String path, String authorization, String form) throws IOException {
		byte[] body = form.getBytes(StandardCharsets.US_ASCII);
		String head = "POST " + path + " HTTP/1.1\r\nHost: " + this.host + ":" + this.port + "\r\n"
				+ ((authorization != null) ? "Authorization: " + authorization + "\r\n" : "")
				+ "User-Agent: baton-bench\r\nAccept: application/json\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n";
		byte[] request = new byte[head.length() + body.length];
		System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
		System.arraycopy(body, 0, request, head.length(), body.length);
		return exchange(request);
	}

	Response get(String path, String authorization) throws IOException {
		String head = "GET " + path + " HTTP/1.1\r\nHost: " + this.host + ":" + this.port + "\r\n"
				+ ((authorization != null) ? "Authorization: " + authorization + "\r\n" : "")
				+ "User-Agent: baton-bench\r\nAccept: application/json\r\n\r\n";
		return exchange(head.getBytes(StandardCharsets.US_ASCII));
	}

	private Response exchange(byte[] request) throws IOException {
		boolean fresh = this.socket == null;
		if (fresh) {
			connect();
		}
		try {
			return send(request);
		}
		catch (IOException ex) {
			if (fresh) {
				throw ex;
			}
			close();
			connect();
			return send(request);
		}
	}

	private Response send(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		String statusLine = readLine();
		if (statusLine == null) {
			throw new IOException("Connection closed");
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		int contentLength = -1;
		boolean chunked = false;
		boolean closeAfter = false;
		String retryAfter = null;
		String line;
		while ((line = readLine()) != null && !line.isEmpty()) {
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = line.substring(0, colon).trim();
			String value = line.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				contentLength = Integer.parseInt(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
				closeAfter = true;
			}
			else if (name.equalsIgnoreCase("Retry-After")) {
				retryAfter = value;
			}
		}
		String body;
		if (chunked) {
			body = readChunked();
		}
		else if (contentLength >= 0) {
			body = new String(this.in.readNBytes(contentLength), StandardCharsets.UTF_8);
		}
		else {
			body = "";
		}
		if (closeAfter) {
			close();
		}
		return new Response(status, body, retryAfter);
	}

	private String readChunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
		while (true) {
			String sizeLine = readLine();
			if (sizeLine == null) {
				throw new IOException("Connection closed inside a chunked body");
			}
			int semicolon = sizeLine.indexOf(';');
			int size = Integer.parseInt((semicolon >= 0) ? sizeLine.substring(0, semicolon) : sizeLine.trim(), 16);
			if (size == 0) {
				while (!readLine().isEmpty()) {
					// trailers
				}
				return body.toString(StandardCharsets.UTF_8);
			}
			body.write(this.in.readNBytes(size));
			readLine();
		}
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder(64);
		int b;
		while ((b = this.in.read()) != -1) {
			if (b == '\n') {
				int length = line.length();
				if (length > 0 && line.charAt(length - 1) == '\r') {
					line.setLength(length - 1);
				}
				return line.toString();
			}
			line.append((char) b);
		}
		return (line.length() == 0) ? null : line.toString();
	}

	private void connect() throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress(this.host, this.port), 5000);
		this.socket.setSoTimeout(30_000);
		this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
		this.out = this.socket.getOutputStream();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
			this.socket = null;
		}
	}

}
