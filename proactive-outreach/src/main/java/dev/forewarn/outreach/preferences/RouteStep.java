package dev.forewarn.outreach.preferences;

import dev.forewarn.outreach.notify.ChannelKind;

/**
 * One place in a case's route: a channel of one customer.
 *
 * @param position 0 for the first channel tried
 * @param customerId the owner, or the secondary contact after the owner's channels
 * @param channel the channel
 * @param address where on that channel
 */
public record RouteStep(int position, long customerId, ChannelKind channel, String address) {}
