package dev.switchboard.bridge.backend;

/**
 * A function the model may call.
 *
 * @param name function name as the model sees it
 * @param description what it does, for the model
 * @param parametersJsonSchema the JSON Schema of its arguments, as JSON text
 */
public record ToolDefinition(String name, String description, String parametersJsonSchema) {
  public ToolDefinition {
    if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("bad tool name '" + name + "': use 1-64 of [A-Za-z0-9_-]");
    }
    if (parametersJsonSchema == null || parametersJsonSchema.isBlank()) {
      parametersJsonSchema = "{\"type\":\"object\",\"properties\":{}}";
    }
  }
}
