package dev.forewarn.outreach.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every 4xx answer.
 *
 * @param field the request field that is wrong (a JSON path for rule documents), absent when the
 *     request as a whole is at fault
 * @param error what is wrong, in words a caller can act on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String field, String error) {}
