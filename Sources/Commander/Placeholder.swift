public enum CommanderPlaceholder {}
