// What a form reads back from its server action. Actions produce it through ./action-client.
export interface ActionState {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
}
