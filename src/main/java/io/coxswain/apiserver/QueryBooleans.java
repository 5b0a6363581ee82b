package io.coxswain.apiserver;

/**
 * Boolean query parameters as Kubernetes reads them (apimachinery's
 * {@code Convert_Slice_string_To_bool}): absent, {@code 0} or {@code false} in any case is false;
 * any other value — {@code true}, {@code True} (Python's client), {@code 1}, even an empty one — is
 * true.
 */
public final class QueryBooleans {
  private QueryBooleans() {}

  /** @param value the parameter's value, null when absent */
  public static boolean isTrue(String value) {
    return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
  }
}
