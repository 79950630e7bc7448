package io.miville.description;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of this package, strict, and JSON value helpers. */
final class JsonValues {
  private JsonValues() {}

  /**
   * Strict reading: duplicate keys and trailing content are errors, floats are kept as
   * decimals exactly as written ({@code 0.1} stays {@code 0.1}, {@code 1.0} stays {@code 1.0}),
   * no comments or NaN.
   */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      // 1.0 stays 1.0 (a float in Python terms), not 1
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
      .build();

  /**
   * Reads JSON text into a tree.
   *
   * @throws DescriptionException naming {@code field}, with the line and column only (Jackson's
   *     own messages quote input)
   */
  static JsonNode read(String json, String field) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new DescriptionException(field, "no JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new DescriptionException(field, at == null ? "malformed JSON"
          : "malformed JSON at line " + at.getLineNr() + " column " + at.getColumnNr());
    }
  }

  /** The compact canonical text of a JSON value. */
  static String canonical(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON text in canonical compact form, so that equal values have equal text. */
  static String canonical(String json, String field) {
    return canonical(read(json, field));
  }
}
