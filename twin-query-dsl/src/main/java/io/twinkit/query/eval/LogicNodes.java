package io.twinkit.query.eval;

import io.twinkit.core.TwinDocument;
import java.util.List;

/** The compiled Kleene connectives; an operand that is not a boolean counts as undefined. */
final class LogicNodes {

    private LogicNodes() {
    }

    /** {@code a AND b AND ...}: false if any operand is false, true if all are true, else undefined. */
    static final class And extends Node.ConditionNode {
        private final Node[] operands;

        And(List<Node> operands) {
            this.operands = operands.toArray(new Node[0]);
        }

        @Override
        int test(TwinDocument twin) {
            int result = TRUE;
            for (Node operand : operands) {
                int truth = operand.test(twin);
                if (truth == FALSE) {
                    return FALSE;
                }
                if (truth == UNDEFINED) {
                    result = UNDEFINED;
                }
            }
            return result;
        }
    }

    /** {@code a OR b OR ...}: true if any operand is true, false if all are false, else undefined. */
    static final class Or extends Node.ConditionNode {
        private final Node[] operands;

        Or(List<Node> operands) {
            this.operands = operands.toArray(new Node[0]);
        }

        @Override
        int test(TwinDocument twin) {
            int result = FALSE;
            for (Node operand : operands) {
                int truth = operand.test(twin);
                if (truth == TRUE) {
                    return TRUE;
                }
                if (truth == UNDEFINED) {
                    result = UNDEFINED;
                }
            }
            return result;
        }
    }

    /** {@code NOT a}: swaps true and false and keeps undefined, so it never turns a missing value into a match. */
    static final class Not extends Node.ConditionNode {
        private final Node operand;

        Not(Node operand) {
            this.operand = operand;
        }

        @Override
        int test(TwinDocument twin) {
            return not(operand.test(twin));
        }

        static int not(int truth) {
            return truth == UNDEFINED ? UNDEFINED : TRUE - truth;
        }
    }
}
