package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.customers.Owner;
import dev.forewarn.outreach.notify.CaseNotice;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.MessageRenderer;
import dev.forewarn.outreach.notify.RenderedEmail;
import dev.forewarn.outreach.outbox.NewOutboxMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The messages that tell an owner about a newly opened case: SMS and email, where known. */
@Component
class OpeningNotices {

  static final String STEP = "opened";

  private final MessageRenderer renderer;

  OpeningNotices(MessageRenderer renderer) {
    this.renderer = renderer;
  }

  List<NewOutboxMessage> messages(long caseId, CaseEventRow event, Owner owner) {
    CaseNotice notice =
        new CaseNotice(
            caseId,
            event.deviceId(),
            owner.deviceNickname(),
            owner.deviceModel(),
            event.severity(),
            event.summary(),
            owner.name());
    List<NewOutboxMessage> messages = new ArrayList<>();
    owner
        .phone()
        .ifPresent(
            phone ->
                messages.add(
                    new NewOutboxMessage(
                        caseId,
                        STEP,
                        ChannelKind.SMS,
                        phone,
                        Optional.empty(),
                        renderer.sms(notice),
                        Optional.empty())));
    owner
        .email()
        .ifPresent(
            email -> {
              RenderedEmail rendered = renderer.email(notice);
              messages.add(
                  new NewOutboxMessage(
                      caseId,
                      STEP,
                      ChannelKind.EMAIL,
                      email,
                      Optional.of(rendered.subject()),
                      rendered.text(),
                      Optional.of(rendered.html())));
            });
    return messages;
  }

  /** Why nobody will hear about a case, when that is so. */
  static Optional<String> problem(Optional<Owner> owner) {
    if (owner.isEmpty()) {
      return Optional.of("device has no owner");
    }
    if (owner.get().phone().isEmpty() && owner.get().email().isEmpty()) {
      return Optional.of("owner has no phone number or email address");
    }
    return Optional.empty();
  }
}
