package dev.ivr.workflows.flow.expr;

import com.google.common.primitives.UnsignedLong;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the flow's JSON-like values and the values CEL's runtime takes and returns. */
final class CelValues {
  private CelValues() {}

  static Object toCel(Object value) {
    if (value == null) {
      return dev.cel.common.values.NullValue.NULL_VALUE;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), toCel(v)));
      return copy;
    }
    if (value instanceof Collection<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(toCel(v)));
      return copy;
    }
    return value;
  }

  static Object fromCel(Object value) {
    if (value == null || value instanceof dev.cel.common.values.NullValue
        || value instanceof com.google.protobuf.NullValue) {
      return null;
    }
    if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number n && !(value instanceof UnsignedLong)) {
      return n instanceof Integer ? Long.valueOf(n.longValue()) : n;
    }
    if (value instanceof UnsignedLong u) {
      return u.longValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), fromCel(v)));
      return copy;
    }
    if (value instanceof Collection<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(fromCel(v)));
      return copy;
    }
    return String.valueOf(value);
  }
}
