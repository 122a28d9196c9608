// The report's autosave (htmx) swaps only successful answers; a refused one (413: the text is
// too big, 400, 403: the session ended, 5xx, or no connection) would otherwise fail silently.
// Show it in the save status instead, with the server's Russian message when it sent one.
(function () {
  "use strict";
  var GENERIC = {
    0: "Нет связи с сервером: черновик не сохранён. Проверьте подключение — сохранение повторится при следующем изменении.",
    403: "Черновик не сохранён: сеанс закончился или нет прав. Скопируйте текст, обновите страницу и войдите снова.",
    413: "Черновик не сохранён: текст слишком большой. Сократите его.",
  };

  function show(target, message) {
    if (!target || !target.classList.contains("save-status")) return;
    target.className = "save-status message message-error";
    target.setAttribute("role", "alert");
    target.setAttribute("aria-live", "assertive");
    target.textContent = message;
  }

  function serverMessage(xhr) {
    try {
      var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
      var node = doc.querySelector("[data-error]") || doc.querySelector(".save-status");
      return node ? node.textContent.trim() : "";
    } catch (e) {
      return "";
    }
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var message = serverMessage(xhr) || GENERIC[xhr.status] ||
      "Черновик не сохранён: сервер ответил ошибкой " + xhr.status + ". Повторите позже.";
    show(event.detail.target, message);
  });
  document.addEventListener("htmx:sendError", function (event) {
    show(event.detail.target, GENERIC[0]);
  });
})();
