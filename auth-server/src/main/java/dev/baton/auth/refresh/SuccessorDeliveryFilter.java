package dev.baton.auth.refresh;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Around the token endpoint, ahead of Spring Security: after the response of a refresh
 * that handed out a successor has been produced, flushes it to the client's connection
 * and reports to {@link SuccessorDeliveries} whether that worked (DESIGN rule 7). Only
 * then is the successor "delivered"; an error, an exception or a failed write leaves it
 * unconfirmed, hence recoverable by the client's retry.
 */
final class SuccessorDeliveryFilter extends OncePerRequestFilter {

	private final SuccessorDeliveries deliveries;

	SuccessorDeliveryFilter(SuccessorDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean written = false;
		try {
			chain.doFilter(request, response);
			if (response.getStatus() == HttpServletResponse.SC_OK && this.deliveries.carriesSuccessor(request)) {
				response.flushBuffer();
				written = true;
			}
		}
		finally {
			this.deliveries.finished(request, written);
		}
	}

}
