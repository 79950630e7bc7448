/** SIP dialogs and offer/answer sessions on the transaction layer. */
package io.miville.session;
