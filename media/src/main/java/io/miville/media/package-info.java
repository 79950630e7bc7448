/** Real RTP media streams for Miville agents. */
package io.miville.media;
