package dev.forewarn.outreach.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The limits every request body meets before a controller sees it: its size (a filter ahead of
 * security) and, for JSON, how deeply it nests (the JSON parser's own constraint).
 */
@Configuration(proxyBeanMethods = false)
class RequestLimits {

  @Bean
  FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
      RequestLimitProperties properties, ObjectMapper json) {
    FilterRegistrationBean<RequestBodyLimit> registration =
        new FilterRegistrationBean<>(new RequestBodyLimit(properties, json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  Jackson2ObjectMapperBuilderCustomizer jsonNestingLimit(RequestLimitProperties properties) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder().maxNestingDepth(properties.maxJsonDepth()).build();
    return builder ->
        builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(constraints));
  }
}
