package io.shoal.planner.rewrite;

import java.util.function.Function;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * The configuration of a federation rewrite rule in Calcite's {@code RelRule<Config>} style: its
 * operands (with the predicates that say when it fires), its description and its RelBuilder
 * factory. Calcite generates its own rules' configs with Immutables, which this build does not
 * run; a record holds the same values.
 *
 * @param factory the rule's constructor, called by {@link #toRule()}
 */
public record RuleConfig<R extends RelOptRule>(
    RelRule.OperandTransform operandSupplier,
    String description,
    RelBuilderFactory relBuilderFactory,
    Function<RuleConfig<R>, R> factory) implements RelRule.Config {

  /** A rule built by {@code factory} with these operands, on logical RelNodes. */
  public static <R extends RelOptRule> RuleConfig<R> of(
      String description, RelRule.OperandTransform operands, Function<RuleConfig<R>, R> factory) {
    return new RuleConfig<>(operands, description, RelFactories.LOGICAL_BUILDER, factory);
  }

  @Override
  public R toRule() {
    return factory.apply(this);
  }

  @Override
  public RuleConfig<R> withOperandSupplier(RelRule.OperandTransform transform) {
    return new RuleConfig<>(transform, description, relBuilderFactory, factory);
  }

  @Override
  public RuleConfig<R> withDescription(String description) {
    return new RuleConfig<>(operandSupplier, description, relBuilderFactory, factory);
  }

  @Override
  public RuleConfig<R> withRelBuilderFactory(RelBuilderFactory relBuilderFactory) {
    return new RuleConfig<>(operandSupplier, description, relBuilderFactory, factory);
  }
}
