package dev.ivr.api.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's page: {@code /console/} is {@code static/console/index.html}. */
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
}
