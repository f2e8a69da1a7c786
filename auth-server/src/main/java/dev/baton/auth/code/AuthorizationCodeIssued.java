package dev.baton.auth.code;

/**
 * Published while the browser that asked for it is still in the request: an authorization
 * code was issued.
 *
 * @param authorizationId becomes the id of the token family when the code is redeemed
 */
public record AuthorizationCodeIssued(String authorizationId, String clientId, String subject) {

}
