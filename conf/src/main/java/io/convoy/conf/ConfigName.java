package io.convoy.conf;

/** An enum constant that is written in configuration files under another name. */
public interface ConfigName {
  String configName();
}
