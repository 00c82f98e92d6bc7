package dev.forewarn.ingest.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The mini cluster the job's tests run on: two slots, metrics readable through a reporter. */
public final class TestCluster {

  private TestCluster() {}

  public static MiniClusterExtension withTwoSlots(InMemoryReporter metrics) {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(metrics.addToConfiguration(new Configuration()))
            .build());
  }
}
