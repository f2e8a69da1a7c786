package dev.baton.auth.refresh;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test hooks for lost refresh outcomes (DESIGN rule 7), added to a node's configuration
 * and armed per request:
 * <ul>
 * <li>{@link #failNextRotationCommit}: the rotation's COMMIT succeeds in the database,
 * then the driver reports a broken connection, as when the database crashes during
 * COMMIT: the client gets a 5xx;</li>
 * <li>{@link #dropNextRefreshResponse}: the token response is produced but writing it to
 * the connection fails, and the client gets a 502 in its place, as when the node dies
 * after COMMIT or the connection breaks.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class LostResponseHooks {

	public final AtomicBoolean failNextRotationCommit = new AtomicBoolean();

	public final AtomicBoolean dropNextRefreshResponse = new AtomicBoolean();

	@Bean
	JdbcTransactionManager commitThenFailTransactionManager(DataSource dataSource) {
		return new JdbcTransactionManager(dataSource) {

			@Override
			protected void doCommit(DefaultTransactionStatus status) {
				super.doCommit(status);
				String name = status.getTransactionName();
				if (name != null && name.endsWith("RefreshTokenRotator.rotate")
						&& LostResponseHooks.this.failNextRotationCommit.compareAndSet(true, false)) {
					throw new TransactionSystemException("Could not commit JDBC transaction",
							new SQLException("Communications link failure during commit (test)", "08S01"));
				}
			}

		};
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> dropRefreshResponseFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						if (!LostResponseHooks.this.dropNextRefreshResponse.compareAndSet(true, false)) {
							chain.doFilter(request, response);
							return;
						}
						try {
							chain.doFilter(request, new BrokenConnection(response));
						}
						catch (IOException ex) {
							// What the server saw: the write failed.
						}
						response.reset();
						response.setStatus(HttpServletResponse.SC_BAD_GATEWAY);
						response.getWriter().write("connection lost (test)");
					}

				});
		registration.addUrlPatterns("/oauth2/token");
		registration.setOrder(SuccessorDeliveryConfiguration.ORDER - 10);
		return registration;
	}

	/**
	 * A response whose bytes go nowhere and whose flush fails like a write to a closed
	 * connection.
	 */
	private static final class BrokenConnection extends HttpServletResponseWrapper {

		private final ServletOutputStream discarding = new ServletOutputStream() {

			@Override
			public void write(int b) {
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setWriteListener(WriteListener listener) {
			}

		};

		BrokenConnection(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() {
			return this.discarding;
		}

		@Override
		public PrintWriter getWriter() {
			return new PrintWriter(Writer.nullWriter());
		}

		@Override
		public void flushBuffer() throws IOException {
			throw new IOException("Broken pipe (test)");
		}

		@Override
		public boolean isCommitted() {
			return false;
		}

	}

}
