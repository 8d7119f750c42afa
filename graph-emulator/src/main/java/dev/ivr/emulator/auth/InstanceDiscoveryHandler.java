package dev.ivr.emulator.auth;

import dev.ivr.emulator.http.Handler;
import dev.ivr.emulator.http.Json;
import dev.ivr.emulator.http.Request;
import dev.ivr.emulator.http.Response;

/** {@code GET /common/discovery/instance}: Entra's instance discovery, answered as for the public cloud. */
final class InstanceDiscoveryHandler implements Handler {

  @Override
  public Response handle(Request r) {
    String authz = r.query().getOrDefault("authorization_endpoint",
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize");
    String tenantPath = authz.replaceFirst("^https?://[^/]+/", "").replaceFirst("/oauth2/.*$", "");
    var body = Json.object()
        .put("tenant_discovery_endpoint", "https://login.microsoftonline.com/" + tenantPath
            + "/v2.0/.well-known/openid-configuration")
        .put("api-version", "1.1");
    var md = body.putArray("metadata");
    var pub = md.addObject().put("preferred_network", "login.microsoftonline.com").put("preferred_cache", "login.windows.net");
    pub.putArray("aliases").add("login.microsoftonline.com").add("login.windows.net").add("login.microsoft.com").add("sts.windows.net");
    var cn = md.addObject().put("preferred_network", "login.partner.microsoftonline.cn").put("preferred_cache", "login.partner.microsoftonline.cn");
    cn.putArray("aliases").add("login.partner.microsoftonline.cn").add("login.chinacloudapi.cn");
    return Response.json(200, body);
  }
}
