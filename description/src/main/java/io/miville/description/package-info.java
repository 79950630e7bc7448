/** The Miville session description of RFC 1 and its two encodings (JSON and SDP). */
package io.miville.description;
