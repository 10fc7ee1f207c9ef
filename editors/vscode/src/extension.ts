// copydesk for VS Code: starts `copydesk lsp` (the language server in lint/lsp/) for the
// languages the user enabled, and restarts it when the settings change.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

interface Settings {
  enable: boolean;
  path: string;
  languages: string[];
  debounce: number;
}

function settings(): Settings {
  const config = vscode.workspace.getConfiguration("copydesk");
  return {
    enable: config.get<boolean>("enable", true),
    path: config.get<string>("path", "copydesk") || "copydesk",
    languages: config.get<string[]>("languages", ["plaintext", "markdown", "html"]),
    debounce: config.get<number>("debounce", 300),
  };
}

async function start(): Promise<void> {
  const chosen = settings();
  if (!chosen.enable || chosen.languages.length === 0) {
    return;
  }
  // (with the stdio transport the client adds --stdio, which `copydesk lsp` accepts)
  const serverOptions: ServerOptions = { command: chosen.path, args: ["lsp"], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: chosen.languages.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    // (the server registers its own file watchers: configs, packs, registries and drafts)
    initializationOptions: { debounce: chosen.debounce },
  };
  const started = new LanguageClient("copydesk", "copydesk", serverOptions, clientOptions);
  try {
    await started.start();
    client = started;
  } catch (error) {
    void vscode.window.showErrorMessage(
      `copydesk: could not start "${chosen.path} lsp" (${error}). Install copydesk with pip install 'copydesk[lsp]', ` +
        `or set copydesk.path to the copydesk command (for example .venv/bin/copydesk).`
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("copydesk.restart", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("copydesk")) {
        await stop();
        await start();
      }
    })
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}
