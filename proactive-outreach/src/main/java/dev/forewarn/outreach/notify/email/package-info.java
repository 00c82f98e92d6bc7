/** Email through SMTP (Spring Mail), as a multipart message with a text and an HTML part. */
package dev.forewarn.outreach.notify.email;
