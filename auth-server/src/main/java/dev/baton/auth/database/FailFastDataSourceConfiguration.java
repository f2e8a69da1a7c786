package dev.baton.auth.database;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wraps the application's connection pool in a {@link FailFastDataSource} when
 * {@code baton.database.fail-fast-window} is set (the {@code mysql} profile sets 1 s).
 */
@Configuration(proxyBeanMethods = false)
class FailFastDataSourceConfiguration {

	@Bean
	static BeanPostProcessor failFastDataSourcePostProcessor(Environment environment) {
		Duration window = Binder.get(environment)
			.bind("baton.database.fail-fast-window", Bindable.of(Duration.class))
			.orElse(Duration.ZERO);
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (window.isZero() || window.isNegative() || !(bean instanceof DataSource dataSource)
						|| bean instanceof FailFastDataSource || !"dataSource".equals(beanName)) {
					return bean;
				}
				return new FailFastDataSource(dataSource, window, Clock.systemUTC());
			}
		};
	}

}
