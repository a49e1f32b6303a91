package io.twinkit.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Marks a sample test class that only the tests of this module run, through {@link Kit#jupiter()}: a build or an IDE
 * that finds it by its name (say {@code -Dtest=EmulatorHub*}) skips it, before its emulator would start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Sample.OnlyInTheKit.class)
@interface Sample {

    /** Runs sample classes. */
    final class Kit {

        /** The configuration parameter {@link #jupiter()} sets. */
        static final String PARAMETER = "twinkit.junit.sample";

        private Kit() {
        }

        /** Returns a test kit for JUnit Jupiter that runs sample classes. */
        static EngineTestKit.Builder jupiter() {
            return EngineTestKit.engine("junit-jupiter").configurationParameter(PARAMETER, "true");
        }
    }

    /** Enables a sample class only when the kit runs it. */
    final class OnlyInTheKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(Kit.PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by a test of twin-junit")
                    : ConditionEvaluationResult.disabled("a sample for the tests of twin-junit, run only by them");
        }
    }
}
