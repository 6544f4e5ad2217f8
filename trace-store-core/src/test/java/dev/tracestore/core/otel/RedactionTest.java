package dev.tracestore.core.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedactionTest {

    private final Redaction defaults = Redaction.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"http.request.header.authorization", "http.request.header.proxy-authorization",
            "http.request.header.cookie", "http.response.header.set-cookie", "password", "db.password", "passwd",
            "client_secret", "clientSecret", "token", "access_token", "refresh_token", "id_token",
            "http.request.header.x-csrf-token", "api-key", "api_key", "apiKey", "API_KEY", "x-api-key",
            "http.request.header.x-api-key", "apikey", "aws.access_key", "private.key", "credentials",
            "Authorization"})
    void theDefaultsMaskCredentialKeys(String key) {
        assertThat(defaults.masksKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http.route", "url.full", "gen_ai.usage.input_tokens", "tokens", "messaging.kafka.message.key",
            "cache.key", "http.request.header.content-type", "user.id", "authority", "secretary", "passwords.count"})
    void theDefaultsKeepOtherKeys(String key) {
        assertThat(defaults.masksKey(key)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"http.request.header.authorization, MASK", "url.full, URL", "url.original, URL", "http.url, URL",
            "http.target, TARGET", "url.query, QUERY", "http.route, KEEP", "url.path, KEEP"})
    void eachKeyHasOneRuleThatSaysWhatItsValuesGoThrough(String key, Redaction.KeyRule rule) {
        assertThat(defaults.ruleOf(key)).isEqualTo(rule);
        assertThat(defaults.ruleOf(key)).isEqualTo(rule); // cached: the same answer
        assertThat(Redaction.none().ruleOf(key)).isEqualTo(Redaction.KeyRule.KEEP);
    }

    @Test
    void addedTermsExtendTheDefaultsAndPatternsMatchWholeKeys() {
        Redaction redaction = Redaction.builder().keys(List.of("ssn", "http.request.header.x-tenant-*")).build();

        assertThat(redaction.terms()).startsWith("authorization").endsWith("ssn", "http.request.header.x-tenant-*");
        assertThat(redaction.masksKey("user.ssn")).isTrue();
        assertThat(redaction.masksKey("password")).isTrue();
        assertThat(redaction.masksKey("HTTP.Request.Header.X-Tenant-Id")).isTrue();
        assertThat(redaction.masksKey("http.request.header.x-tenant")).isFalse();
        assertThat(redaction.masksKey("x.http.request.header.x-tenant-id")).isFalse();
    }

    @Test
    void withoutTheDefaultsOnlyTheGivenTermsAreMasked() {
        Redaction redaction = Redaction.builder().defaults(false).keys(List.of("ssn")).build();

        assertThat(redaction.masksKey("ssn")).isTrue();
        assertThat(redaction.masksKey("password")).isFalse();
        assertThat(redaction.redactValue("url.full", "https://u:p@host/?password=1&ssn=2"))
                .isEqualTo("https://u:p@host/?password=1&ssn=****");
        assertThat(Redaction.builder().defaults(false).build()).isSameAs(Redaction.none());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "url.full | https://bob:hunter2@example.com/a?x=1 | https://****@example.com/a?x=1",
            "url.full | https://ghp_token@github.com/o/r.git | https://****@github.com/o/r.git",
            "url.full | https://h/p?user=bob&password=hunter2&x=1 | https://h/p?user=bob&password=****&x=1",
            "url.full | https://h/p?access_token=abc#frag | https://h/p?access_token=****#frag",
            "url.full | https://h/cb#access_token=abc&state=s | https://h/cb#access_token=****&state=s",
            "url.full | https://b.s3.amazonaws.com/k?X-Amz-Credential=c&X-Amz-Signature=s&X-Amz-Date=d"
                    + " | https://b.s3.amazonaws.com/k?X-Amz-Credential=****&X-Amz-Signature=****&X-Amz-Date=d",
            "url.full | https://h/p?sig=abc&sv=2020 | https://h/p?sig=****&sv=2020",
            "url.full | https://maps/api?key=AIza&q=x | https://maps/api?key=****&q=x",
            "url.full | https://h/p?token=&x=1 | https://h/p?token=&x=1",
            "url.full | https://h/user@example.com?q=1 | https://h/user@example.com?q=1",
            "http.url | http://a:b@h/p?api_key=1 | http://****@h/p?api_key=****",
            "url.original | ftp://a:b@h/ | ftp://****@h/",
            "url.query | password=x&y=2 | password=****&y=2",
            "url.query | ?a=1&client_secret=s | ?a=1&client_secret=****",
            "http.target | /login?passwd=x | /login?passwd=****",
            "http.target | /search?q=password | /search?q=password",
            "http.route | /p?password=x | /p?password=x"})
    void urlsLoseTheirCredentialsButKeepTheirShape(String key, String value, String redacted) {
        assertThat(defaults.redactValue(key, value)).isEqualTo(redacted);
    }

    @Test
    void rejectsTermsThatWouldMaskEverythingOrNothing() {
        assertThatIllegalArgumentException().isThrownBy(() -> Redaction.builder().keys(List.of(" ")))
                .withMessageContaining("blank");
        assertThatIllegalArgumentException().isThrownBy(() -> Redaction.builder().keys(List.of("*")))
                .withMessageContaining("'*'").withMessageContaining("every attribute");
        assertThatIllegalArgumentException().isThrownBy(() -> Redaction.builder().keys(List.of("ok", "--")))
                .withMessageContaining("'--'");
    }

    @Test
    void theSanitizerMasksEveryTypeKeepingTheKey() {
        AttributeSanitizer sanitizer = new AttributeSanitizer(defaults, 100, 128);
        Attributes attributes = Attributes.builder()
                .put("http.request.header.authorization", "Bearer abc")
                .put(AttributeKey.stringArrayKey("http.request.header.cookie"), List.of("a=1", "b=2"))
                .put(AttributeKey.longKey("token"), 42L)
                .put(AttributeKey.booleanKey("password"), true)
                .put("http.route", "/orders/{id}")
                .build();

        Attributes sanitized = sanitizer.sanitize(attributes, 0);

        assertThat(sanitized.asMap()).hasSize(5);
        assertThat(sanitized.get(AttributeKey.stringKey("http.request.header.authorization"))).isEqualTo("****");
        assertThat(sanitized.get(AttributeKey.stringArrayKey("http.request.header.cookie")))
                .containsExactly("****", "****");
        assertThat(sanitized.get(AttributeKey.stringKey("token"))).isEqualTo("****");
        assertThat(sanitized.get(AttributeKey.stringKey("password"))).isEqualTo("****");
        assertThat(sanitized.get(AttributeKey.stringKey("http.route"))).isEqualTo("/orders/{id}");
        assertThat(sanitizer.needsSanitizing(sanitized)).isTrue();
        assertThat(sanitizer.needsSanitizing(Attributes.of(AttributeKey.stringKey("http.route"), "/"))).isFalse();
    }
}
