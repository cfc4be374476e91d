/** Privacy requests (export, erasure) and the hook plugins implement for their own data. */
package dev.operon.sdk.privacy;
