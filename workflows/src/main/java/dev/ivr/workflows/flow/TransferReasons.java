package dev.ivr.workflows.flow;

/**
 * Why a transfer (or a redirect) failed, by the resultInfo Graph sent (code, or subcode):
 *
 * <ul>
 *   <li>{@code busy}: code 486, or subcode 8539 (Callee Busy);
 *   <li>{@code declined}: code 603, or subcode 8538 (Callee Declined);
 *   <li>{@code noAnswer}: code 408 or 487, or subcode 10057 (no signalling from the callee);
 *   <li>{@code unreachable}: code 480 or 404, or subcode 10076, 10037 or 10134 (cannot be reached, no
 *       endpoints, cannot route);
 *   <li>{@code failed}: anything else, Graph's documented 500/7000 and 500/7700 included.
 * </ul>
 */
public final class TransferReasons {
  private TransferReasons() {}

  public static String of(int code, int subcode) {
    if (code == 486 || subcode == 8539) {
      return "busy";
    }
    if (code == 603 || subcode == 8538) {
      return "declined";
    }
    if (code == 408 || code == 487 || subcode == 10057) {
      return "noAnswer";
    }
    if (code == 480 || code == 404 || subcode == 10076 || subcode == 10037 || subcode == 10134) {
      return "unreachable";
    }
    return "failed";
  }
}
