package dev.forewarn.outreach.preferences;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A customer's contact preferences, as the API shows and takes them.
 *
 * @param locale language tag of their messages, e.g. {@code ko-KR}
 * @param timeZone IANA time zone their quiet hours are read in
 * @param quietHours the daily window in which proactive messages wait, or null
 * @param channelOrder severity ({@code INFO}, {@code WARNING}, {@code CRITICAL}) to the channels to
 *     try in order; a severity not listed uses {@code forewarn.outreach.channel-order}
 * @param optedOut channels they never want proactive messages on
 * @param stoppedAt when they replied STOP (no proactive message on any channel until START); read
 *     only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Preferences(
    String locale,
    String timeZone,
    QuietHours quietHours,
    Map<String, List<String>> channelOrder,
    List<String> optedOut,
    Instant stoppedAt) {}
