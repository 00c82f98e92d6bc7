package dev.forewarn.outreach.notify.email;

import dev.forewarn.outreach.notify.Channel;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.DeliveryException;
import dev.forewarn.outreach.notify.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email over SMTP as multipart/alternative (text + HTML). The Message-ID is derived from the outbox
 * idempotency key, so a receiving system can recognise a repeated delivery.
 */
final class SmtpEmailChannel implements Channel {

  private final JavaMailSender sender;
  private final String from;

  SmtpEmailChannel(JavaMailSender sender, String from) {
    this.sender = sender;
    this.from = from;
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.EMAIL;
  }

  @Override
  public String provider() {
    return "smtp";
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public String send(OutgoingMessage message) throws DeliveryException {
    String messageId = "<" + message.reference() + from.substring(from.lastIndexOf('@')) + ">";
    MimeMessage mime = sender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
      helper.setFrom(from);
      helper.setTo(message.address());
      helper.setSubject(message.subject().orElse("Forewarn"));
      helper.setText(message.text(), message.html().orElse(message.text()));
      // JavaMailSenderImpl keeps a Message-ID that was set before sending.
      mime.setHeader("Message-ID", messageId);
    } catch (MessagingException e) {
      throw DeliveryException.permanent("email could not be built: " + e.getMessage(), e);
    }
    try {
      sender.send(mime);
      return messageId;
    } catch (MailException e) {
      throw classify(e);
    }
  }

  /**
   * A recipient the server refused outright (5xx on RCPT) or a message that cannot be built will
   * never go through; connection trouble, temporary (4xx) refusals and authentication problems an
   * operator can fix are worth retrying.
   */
  static DeliveryException classify(MailException e) {
    String reason = "SMTP: " + e.getMessage();
    if (e instanceof MailParseException || e instanceof MailPreparationException) {
      return DeliveryException.permanent(reason, e);
    }
    if (e instanceof MailSendException && refusedRecipient((MailSendException) e)) {
      return DeliveryException.permanent("SMTP refused the recipient: " + e.getMessage(), e);
    }
    if (e instanceof MailAuthenticationException) {
      return DeliveryException.retryable("SMTP authentication failed: " + e.getMessage(), e);
    }
    return DeliveryException.retryable(reason, e);
  }

  private static boolean refusedRecipient(MailSendException e) {
    for (Exception failure : e.getFailedMessages().values()) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof SendFailedException) {
          var invalid = ((SendFailedException) t).getInvalidAddresses();
          if (invalid != null && invalid.length > 0) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
