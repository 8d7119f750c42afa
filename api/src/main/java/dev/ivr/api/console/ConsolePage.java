package dev.ivr.api.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's pages: {@code /console/} is {@code static/console/index.html}; {@code /console/signed-out},
 * where Entra sends the browser back to after sign-out, is {@code signed-out.html} (open to anyone).
 */
@Controller
class ConsolePage {

  @GetMapping("/console")
  String redirect() {
    return "redirect:/console/";
  }

  @GetMapping("/console/")
  String page() {
    return "forward:/console/index.html";
  }

  @GetMapping("/console/signed-out")
  String signedOut() {
    return "forward:/console/signed-out.html";
  }
}
