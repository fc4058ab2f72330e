public enum PCloudAPIPlaceholder {}
