package io.miville.pis.site;

/** Who may use a proxy (draft-pis-00 Appendix 1: Preferences Public-type, private-type). */
public enum Access {
  PUBLIC,
  PRIVATE
}
