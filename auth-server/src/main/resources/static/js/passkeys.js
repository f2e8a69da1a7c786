"use strict";
// Baton's only script: wires the sign-in and account pages to the framework's WebAuthn ceremony
// (spring-security-webauthn.js, served by Baton), sending the page's CSRF token as a header.
(() => {
  function csrfHeaders() {
    const token = document.querySelector('meta[name="_csrf"]');
    const header = document.querySelector('meta[name="_csrf_header"]');
    return (token && header) ? { [header.content]: token.content } : {};
  }
  document.addEventListener("DOMContentLoaded", () => {
    const signIn = document.getElementById("passkey-sign-in");
    if (signIn && window.setupLogin) {
      window.setupLogin(csrfHeaders(), "", signIn);
    }
    const register = document.getElementById("passkey-register");
    if (register && window.setupRegistration) {
      window.setupRegistration(csrfHeaders(), "", {
        getRegisterButton: () => register,
        getLabelInput: () => document.getElementById("passkey-label"),
        getSuccess: () => document.getElementById("passkey-success"),
        getError: () => document.getElementById("passkey-error"),
        getDeleteForms: () => []
      });
    }
  });
})();
