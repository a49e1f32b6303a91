package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyRulesTest {

    @Test
    void findsTheFirstForbiddenCharacter() {
        assertThat(KeyRules.firstForbiddenIndex("temperature")).isEqualTo(-1);
        assertThat(KeyRules.firstForbiddenIndex("a.b$c")).isEqualTo(1);
        assertThat(KeyRules.firstForbiddenIndex("ab#")).isEqualTo(2);
        assertThat(KeyRules.firstForbiddenIndex("\uD83D\uDE00 x")).isEqualTo(2);
        assertThat(KeyRules.firstForbiddenIndex("a\u00A0b")).isEqualTo(1);
        assertThat(KeyRules.firstForbiddenIndex("a\u200Bb")).isEqualTo(-1);
        assertThat(KeyRules.firstForbiddenIndex("")).isEqualTo(-1);
    }

    @Test
    void classifiesCharactersAsTheValidatorDoes() {
        assertThat(KeyRules.isControl(0x7F)).isTrue();
        assertThat(KeyRules.isControl('a')).isFalse();
        assertThat(KeyRules.isWhitespace(0x3000)).isTrue();
        assertThat(KeyRules.isWhitespace(0x200B)).isFalse();
        assertThat(KeyRules.isForbiddenInKey('#')).isTrue();
        assertThat(KeyRules.isForbiddenInKey('-')).isFalse();
    }
}
