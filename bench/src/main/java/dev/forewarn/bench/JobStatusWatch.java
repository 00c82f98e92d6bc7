package dev.forewarn.bench;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * Polls a job's status every 100 ms and counts each time it is seen leaving RUNNING: a restart of
 * the job, or its failure.
 */
final class JobStatusWatch implements Runnable {
  private final JobClient job;
  private final Thread thread = new Thread(this, "job-status-watch");
  private volatile boolean running = true;
  private volatile int restarts;

  JobStatusWatch(JobClient job) {
    this.job = job;
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join();
  }

  int restarts() {
    return restarts;
  }

  @Override
  public void run() {
    boolean wasRunning = true;
    while (running) {
      try {
        boolean isRunning = job.getJobStatus().get(5, TimeUnit.SECONDS) == JobStatus.RUNNING;
        if (wasRunning && !isRunning) {
          restarts++;
        }
        wasRunning = isRunning;
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // a status request that failed tells nothing
      }
    }
  }
}
