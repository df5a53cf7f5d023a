# Two sets from the collection, one nested in the other, and what they resolve to.
deployment-sets sets create Backend --tag api
deployment-sets add Backend code-reviewer api-design
deployment-sets sets create Full-stack
deployment-sets add Full-stack set:Backend changelog
deployment-sets resolve Full-stack

# Into the project in this folder: what would change, then the deploy, then what is there now.
deployment-sets deploy Full-stack --dry-run
deployment-sets deploy Full-stack
deployment-sets status --check
