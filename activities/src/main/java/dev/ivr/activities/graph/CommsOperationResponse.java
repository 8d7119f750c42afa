package dev.ivr.activities.graph;

import com.microsoft.kiota.serialization.AdditionalDataHolder;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParseNode;
import com.microsoft.kiota.serialization.SerializationWriter;
import dev.ivr.workflows.event.ResultInfo;
import dev.ivr.workflows.graph.OperationStarted;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The body of a media action's answer (a {@code commsOperation}), read with the status as plain text.
 *
 * <p>The SDK's {@code OperationStatus} enum parses case-sensitively and turns Graph's
 * {@code "running"} and {@code "completed"} into {@code null} (msgraph-sdk-java#2233), so the SDK's
 * request is sent with this parsable instead. Graph's enum casing varies, so the status is lower-cased;
 * resultInfo codes are accepted as numbers or strings.
 */
final class CommsOperationResponse implements Parsable, AdditionalDataHolder {
  private String id;
  private String status;
  private String clientContext;
  private ResultInfoResponse resultInfo;
  private final Map<String, Object> additionalData = new HashMap<>();

  static CommsOperationResponse create(ParseNode node) {
    return new CommsOperationResponse();
  }

  OperationStarted toOperationStarted() {
    String normalised = status == null ? null : status.toLowerCase(Locale.ROOT);
    return new OperationStarted(id, normalised, resultInfo == null ? null : resultInfo.toResultInfo());
  }

  String clientContext() {
    return clientContext;
  }

  @Override
  public Map<String, Consumer<ParseNode>> getFieldDeserializers() {
    Map<String, Consumer<ParseNode>> fields = new HashMap<>();
    fields.put("id", n -> id = n.getStringValue());
    fields.put("status", n -> status = n.getStringValue());
    fields.put("clientContext", n -> clientContext = n.getStringValue());
    fields.put("resultInfo", n -> resultInfo = n.getObjectValue(ResultInfoResponse::create));
    return fields;
  }

  @Override
  public void serialize(SerializationWriter writer) {
    writer.writeStringValue("id", id);
    writer.writeStringValue("status", status);
    writer.writeStringValue("clientContext", clientContext);
    writer.writeObjectValue("resultInfo", resultInfo);
    writer.writeAdditionalData(additionalData);
  }

  @Override
  public Map<String, Object> getAdditionalData() {
    return additionalData;
  }

  /** Graph's resultInfo, with code and subcode as text because Graph sends either form. */
  static final class ResultInfoResponse implements Parsable, AdditionalDataHolder {
    private String code;
    private String subcode;
    private String message;
    private final Map<String, Object> additionalData = new HashMap<>();

    static ResultInfoResponse create(ParseNode node) {
      return new ResultInfoResponse();
    }

    ResultInfo toResultInfo() {
      return new ResultInfo(toInt(code), toInt(subcode), message);
    }

    @Override
    public Map<String, Consumer<ParseNode>> getFieldDeserializers() {
      Map<String, Consumer<ParseNode>> fields = new HashMap<>();
      fields.put("code", n -> code = n.getStringValue());
      fields.put("subcode", n -> subcode = n.getStringValue());
      fields.put("message", n -> message = n.getStringValue());
      return fields;
    }

    @Override
    public void serialize(SerializationWriter writer) {
      writer.writeStringValue("code", code);
      writer.writeStringValue("subcode", subcode);
      writer.writeStringValue("message", message);
      writer.writeAdditionalData(additionalData);
    }

    @Override
    public Map<String, Object> getAdditionalData() {
      return additionalData;
    }

    private static int toInt(String value) {
      if (value == null || value.isBlank()) {
        return 0;
      }
      try {
        return (int) Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }
}
