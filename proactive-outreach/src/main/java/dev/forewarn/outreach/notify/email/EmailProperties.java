package dev.forewarn.outreach.notify.email;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Email settings of our own ({@code forewarn.mail.*}); the SMTP server itself is Spring Boot's
 * {@code spring.mail.*}. Without {@code spring.mail.host} email goes to the sandbox.
 *
 * @param from the sender address of customer emails
 */
@Validated
@ConfigurationProperties("forewarn.mail")
public record EmailProperties(@NotBlank @Email @DefaultValue("care@forewarn.dev") String from) {}
