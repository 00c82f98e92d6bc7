/**
 * Forewarn's rules: readings, rule documents, the condition families, the case lifecycle, the
 * evaluators and the backtester. Pure Java; its only dependency is Jackson.
 */
module dev.forewarn.rules {
  requires com.fasterxml.jackson.databind;

  exports dev.forewarn.rules;
  exports dev.forewarn.rules.anomaly;
  exports dev.forewarn.rules.backtest;
  exports dev.forewarn.rules.composite;
  exports dev.forewarn.rules.condition;
  exports dev.forewarn.rules.document;
  exports dev.forewarn.rules.drift;
  exports dev.forewarn.rules.index;
  exports dev.forewarn.rules.life;
  exports dev.forewarn.rules.lifecycle;
  exports dev.forewarn.rules.rate;
  exports dev.forewarn.rules.reading;
  exports dev.forewarn.rules.silence;
  exports dev.forewarn.rules.stats;
  exports dev.forewarn.rules.threshold;
  exports dev.forewarn.rules.trend;
}
